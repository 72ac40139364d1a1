/**
 * Collections no projection owns: each is kept by the one process that writes it as it works
 * (named here because the query API shows them), so a rebuild neither replaces nor compares
 * them.
 */
export const operational = {
  /** Written by the workers' webhook delivery: where each subscription stands. */
  webhookCursors: 'webhook_cursors',
  /** Written by the workers' webhook delivery: one document per attempt. */
  webhookDeliveries: 'webhook_deliveries',
  /** Written by the workers' campaign dispatcher: how far each campaign's mailing has come. */
  campaignCursors: 'campaign_cursors',
  /** Written by the workers' workflow runner: its log position, rule state and reactions per rule. */
  workflowEngine: 'workflow_engine',
} as const;
