import React from "react";
import DOMPurify from "dompurify";

interface Props {
  bio: string;
  name: string;
}

export function Profile({ bio, name }: Props) {
  return (
    <section>
      <h1>{name}</h1>
      <div dangerouslySetInnerHTML={{ __html: bio }} /> {/* wfc-expect: security medium */}
    </section>
  );
}

export function SafeProfile({ bio, name }: Props) {
  return (
    <section>
      <h1>{name}</h1>
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} />
    </section>
  );
}
