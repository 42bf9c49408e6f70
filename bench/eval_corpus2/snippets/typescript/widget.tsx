import React from 'react';

export function Bio({ html }: { html: string }) {
  return <div className="bio" dangerouslySetInnerHTML={{ __html: html }} />;
}
