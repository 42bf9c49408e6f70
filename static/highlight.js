// A small syntax colourer for diff lines: keywords, strings, comments, numbers and calls, per
// language family. It is a scanner, not a parser: good enough to read code by, never trusted
// for anything else. Tokens become text nodes in spans (never HTML), so quoted source is inert.

const C_LIKE_COMMENTS = { line: ["//"], block: ["/*", "*/"] };

const FAMILIES = {
  python: {
    ext: ["py", "pyi", "pyw"],
    comments: { line: ["#"] },
    strings: ['"""', "'''", '"', "'"],
    keywords: "False None True and as assert async await break class continue def del elif else except "
      + "finally for from global if import in is lambda nonlocal not or pass raise return try while with "
      + "yield match case self",
  },
  javascript: {
    ext: ["js", "jsx", "mjs", "cjs", "ts", "tsx", "mts", "cts", "vue", "svelte"],
    comments: C_LIKE_COMMENTS,
    strings: ["`", '"', "'"],
    keywords: "async await break case catch class const continue debugger default delete do else export "
      + "extends false finally for from function if import in instanceof interface let new null of return "
      + "static super switch this throw true try type typeof undefined var void while with yield enum "
      + "implements private protected public readonly as any number string boolean",
  },
  go: {
    ext: ["go"],
    comments: C_LIKE_COMMENTS,
    strings: ["`", '"', "'"],
    keywords: "break case chan const continue default defer else fallthrough for func go goto if import "
      + "interface map package range return select struct switch type var nil true false iota error string "
      + "int int64 bool byte",
  },
  java: {
    ext: ["java", "kt", "kts", "scala", "groovy", "cs", "swift"],
    comments: C_LIKE_COMMENTS,
    strings: ['"""', '"', "'"],
    keywords: "abstract assert boolean break byte case catch char class const continue default do double "
      + "else enum extends final finally float for goto if implements import instanceof int interface long "
      + "native new null package private protected public return short static super switch synchronized "
      + "this throw throws transient true false try var val void volatile while fun override data object "
      + "when is in let func struct using namespace",
  },
  c: {
    ext: ["c", "h", "cc", "cpp", "cxx", "hpp", "hh", "rs", "php", "m"],
    comments: C_LIKE_COMMENTS,
    strings: ['"', "'"],
    keywords: "auto break case char const continue default do double else enum extern float for goto if "
      + "inline int long register return short signed sizeof static struct switch typedef union unsigned "
      + "void volatile while class namespace template typename public private protected virtual new delete "
      + "nullptr true false fn let mut impl trait pub use mod match loop self Self crate unsafe where move "
      + "echo function",
  },
  ruby: {
    ext: ["rb", "rake", "gemspec"],
    comments: { line: ["#"] },
    strings: ['"', "'"],
    keywords: "alias and begin break case class def defined do else elsif end ensure false for if in module "
      + "next nil not or redo rescue retry return self super then true undef unless until when while yield",
  },
  shell: {
    ext: ["sh", "bash", "zsh", "ksh", "yml", "yaml", "toml", "ini", "cfg", "conf", "mk"],
    comments: { line: ["#"] },
    strings: ['"', "'"],
    keywords: "if then else elif fi for while until do done case esac in function return local export "
      + "readonly set unset true false null FROM RUN COPY ADD CMD ENTRYPOINT ENV WORKDIR USER EXPOSE ARG",
  },
  sql: {
    ext: ["sql"],
    comments: { line: ["--"], block: ["/*", "*/"] },
    strings: ["'", '"'],
    keywords: "select from where insert into update delete set values and or not null is in like join left "
      + "right inner outer on group by order having limit offset create table drop alter index primary key "
      + "foreign references as distinct union all case when then else end",
    caseless: true,
  },
};

const BY_EXT = new Map();
for (const [name, family] of Object.entries(FAMILIES)) {
  family.name = name;
  family.words = new Set(family.keywords.split(/\s+/).map((w) => (family.caseless ? w.toLowerCase() : w)));
  for (const ext of family.ext) BY_EXT.set(ext, family);
}

/** The language family of a path ("python", "javascript", ...) or null for plain text. */
export function languageOf(path) {
  const name = String(path || "").split("/").pop().toLowerCase();
  if (name === "dockerfile" || name === "makefile") return "shell";
  const dot = name.lastIndexOf(".");
  const family = dot === -1 ? null : BY_EXT.get(name.slice(dot + 1));
  return family ? family.name : null;
}

const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[jJlLfFnu]?)/;
const WORD = /^[A-Za-z_$][\w$]*/;

/** Colours the lines of one file in order; strings and comments may span lines. */
export class Highlighter {
  /** @param {string|null} language a family name from languageOf */
  constructor(language) {
    this.family = language ? FAMILIES[language] : null;
    this.open = null; // {kind: "com"|"str", close: string} while inside a multi-line token
  }

  /** Forget any open multi-line token (a new hunk starts somewhere else in the file). */
  reset() {
    this.open = null;
  }

  /**
   * Split one line into [class, text] tokens; class is "" for plain text.
   * @param {string} text
   * @returns {Array<[string, string]>}
   */
  tokens(text) {
    const f = this.family;
    if (!f) return [["", text]];
    const out = [];
    const push = (cls, value) => {
      if (!value) return;
      const last = out[out.length - 1];
      if (last && last[0] === cls) last[1] += value;
      else out.push([cls, value]);
    };
    let i = 0;
    if (this.open) {
      const end = this.findClose(text, 0, this.open.close, this.open.kind === "str");
      if (end === -1) {
        push(this.open.kind, text);
        return out;
      }
      push(this.open.kind, text.slice(0, end));
      i = end;
      this.open = null;
    }
    while (i < text.length) {
      const rest = text.slice(i);
      const line = f.comments.line && f.comments.line.find((m) => rest.startsWith(m));
      if (line) {
        push("com", rest);
        break;
      }
      const block = f.comments.block;
      if (block && rest.startsWith(block[0])) {
        const end = this.findClose(text, i + block[0].length, block[1], false);
        if (end === -1) {
          push("com", rest);
          this.open = { kind: "com", close: block[1] };
          break;
        }
        push("com", text.slice(i, end));
        i = end;
        continue;
      }
      const quote = f.strings.find((q) => rest.startsWith(q));
      if (quote) {
        const end = this.findClose(text, i + quote.length, quote, true);
        if (end === -1) {
          push("str", rest);
          // Only triple quotes and template literals continue on the next line.
          if (quote.length === 3 || quote === "`") this.open = { kind: "str", close: quote };
          break;
        }
        push("str", text.slice(i, end));
        i = end;
        continue;
      }
      const prev = i > 0 ? text[i - 1] : " ";
      const number = /[\w$.]/.test(prev) ? null : NUMBER.exec(rest);
      if (number) {
        push("num", number[0]);
        i += number[0].length;
        continue;
      }
      const word = WORD.exec(rest);
      if (word) {
        const w = word[0];
        const key = f.caseless ? w.toLowerCase() : w;
        const after = text.slice(i + w.length).match(/^\s*\(/);
        push(f.words.has(key) ? "kw" : after ? "fn" : "", w);
        i += w.length;
        continue;
      }
      push("", text[i]);
      i += 1;
    }
    return out;
  }

  /** Index just past `close` at or after `from`, skipping backslash escapes in strings; -1 if none. */
  findClose(text, from, close, escapes) {
    for (let i = from; i < text.length; i += 1) {
      if (escapes && text[i] === "\\") {
        i += 1;
        continue;
      }
      if (text.startsWith(close, i)) return i + close.length;
    }
    return -1;
  }
}
