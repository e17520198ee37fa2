import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

const STORAGE_KEY = "channelgate.token";

interface Auth {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const AuthContext = createContext<Auth | null>(null);

export function readToken(): string | null {
  return typeof localStorage !== "undefined" ? localStorage.getItem(STORAGE_KEY) : null;
}

export function AuthProvider({ children, onChange }: { children: ReactNode; onChange?: () => void }) {
  const [token, setToken] = useState<string | null>(readToken);
  const signIn = useCallback(
    (next: string) => {
      localStorage.setItem(STORAGE_KEY, next.trim());
      setToken(next.trim());
      onChange?.();
    },
    [onChange],
  );
  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setToken(null);
    onChange?.();
  }, [onChange]);
  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
