export function Loading({ what }: { what: string }) {
  return (
    <div className="status status-loading" data-testid="loading">
      正在载入{what}…
    </div>
  );
}

export function ErrorBox({ message, children }: { message: string; children?: React.ReactNode }) {
  return (
    <div className="status status-error" role="alert" data-testid="error">
      <strong>出错了：</strong>
      {message}
      {children}
    </div>
  );
}
