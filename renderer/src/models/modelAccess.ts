/** What the signed-in role may change on the Models page; the core checks again on every call. */
export interface ModelAccess {
  /** models.write: import, draft, candidate, retire, non-protected labels, cards. */
  write: boolean;
  /** models.approve: approve versions and move the production label. */
  approve: boolean;
}
