interface Comment {
  author: string;
  body: string;
}

export function renderComment(el: HTMLElement, comment: Comment): void {
  el.innerHTML = `<b>${comment.author}</b>: ${comment.body}`;
}
