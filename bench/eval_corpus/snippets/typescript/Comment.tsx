import DOMPurify from "dompurify";

export function Comment({ html }: { html: string }) {
  return <div className="comment" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;
}
