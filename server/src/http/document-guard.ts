import { Lexer, Source, TokenKind } from "graphql";
import type { NextFunction, Request, Response } from "express";

/** What a caller may send to /graphql, checked before Apollo parses or validates anything. */
export interface DocumentLimits {
  /** Request body bytes (Content-Length, and what express.json reads). */
  maxBodyBytes: number;
  /** Characters of the `query` string. */
  maxDocumentChars: number;
  /** Lexical tokens of the document (graphql's own lexer; counting stops at the limit). */
  maxTokens: number;
  /** Nesting of `{`, `(` and `[`: graphql's recursive parser overflows the stack on deep documents. */
  maxNesting: number;
}

/**
 * Anonymous callers reach only the public relationship-request preview and acceptance: a few hundred bytes.
 * Signed-in callers get room for any document the app or a tool sends (the largest SPA document is ~3 KB).
 */
export const ANONYMOUS_LIMITS: DocumentLimits = {
  maxBodyBytes: 16 * 1024,
  maxDocumentChars: 8 * 1024,
  maxTokens: 1_000,
  maxNesting: 32,
};

export const SIGNED_IN_LIMITS: DocumentLimits = {
  maxBodyBytes: 256 * 1024,
  maxDocumentChars: 64 * 1024,
  maxTokens: 6_000,
  maxNesting: 64,
};

const OPENERS = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSERS = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/**
 * Why a document is refused, or null. One linear pass of the lexer that stops at the first limit crossed, so
 * the cost is bounded by the limits, not by the document. Syntax errors are left to the parser.
 */
export function documentProblem(query: string, limits: DocumentLimits): string | null {
  if (query.length > limits.maxDocumentChars) {
    return `The document has ${query.length} characters; the limit is ${limits.maxDocumentChars}.`;
  }
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) return `The document has more than ${limits.maxTokens} tokens.`;
      if (OPENERS.has(token.kind) && ++depth > limits.maxNesting) {
        return `The document is nested more than ${limits.maxNesting} levels deep.`;
      }
      if (CLOSERS.has(token.kind)) depth--;
    }
  } catch {
    return null; // a lexical error: Apollo's parser reports it with its position
  }
  return null;
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
}

/**
 * Express middleware for /graphql: refuses an oversized body from its Content-Length before reading it, then
 * (after express.json) an oversized, token-heavy or deeply nested document before Apollo parses it.
 * `limitsOf` decides by caller (anonymous callers get the small limits).
 */
export function guardBodySize(limitsOf: (req: Request, res: Response) => DocumentLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const limits = limitsOf(req, res);
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limits.maxBodyBytes) {
      // The body is not read: close the connection so the client stops sending it.
      res.setHeader("connection", "close");
      return refuse(res, 413, `The request body is larger than ${limits.maxBodyBytes} bytes.`);
    }
    next();
  };
}

export function guardDocument(limitsOf: (req: Request, res: Response) => DocumentLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const query: unknown = req.method === "GET" ? req.query["query"] : (req.body as { query?: unknown })?.query;
    if (typeof query === "string") {
      const problem = documentProblem(query, limitsOf(req, res));
      if (problem) return refuse(res, 400, problem);
    }
    next();
  };
}
