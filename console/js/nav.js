// Moving between pages, and the one-line notice ("Successfully created …") the next page shows once.

let pendingNotice;

/** Goes to `hash` (re-rendering when it is already the current page). */
export function navigate(hash, notice) {
  pendingNotice = notice;
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The notice left by the last navigate(), handed out once. */
export function takeNotice() {
  const notice = pendingNotice;
  pendingNotice = undefined;
  return notice;
}
