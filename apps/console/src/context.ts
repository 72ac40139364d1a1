import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { type Api } from './api';
import { type Language, type TextKey, texts } from './i18n';

export type Session = {
  api: Api;
  sub: string;
  roles: string[];
  language: Language;
  timeZone: string;
  t: (key: TextKey) => string;
};

export const SessionContext = createContext<Session | undefined>(undefined);

export const useSession = () => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('no session');
  return session;
};

export const translator = (language: Language) => (key: TextKey) => texts[language][key];
