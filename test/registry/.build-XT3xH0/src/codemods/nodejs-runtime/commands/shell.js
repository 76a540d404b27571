// A POSIX shell command line split into simple commands and words, each word with the offsets
// of its characters in the text, so an edit can replace exactly the characters it means to.
// Only what finding `node` and `npm` invocations needs: quotes, escapes, `$(…)`, backticks,
// comments, operators, redirections and here-documents. Nothing is expanded.
const operatorChars = new Set([';', '&', '|', '(', ')', '\n']);
const blank = /[ \t\r]/;
class Scanner {
    text;
    pos = 0;
    commands = [];
    words = [];
    heredocs = [];
    constructor(text) {
        this.text = text;
    }
    run() {
        const { text } = this;
        while (this.pos < text.length) {
            const c = text[this.pos];
            if (c === '\\' && text[this.pos + 1] === '\n')
                this.pos += 2;
            else if (blank.test(c))
                this.pos++;
            else if (c === '#')
                this.skipComment();
            else if (operatorChars.has(c))
                this.operator(c);
            else if (c === '<' || c === '>' || (/\d/.test(c) && /^\d+[<>]/.test(text.slice(this.pos, this.pos + 4))))
                this.redirection();
            else
                this.words.push(this.word());
        }
        this.end();
        return this.commands;
    }
    end() {
        if (this.words.length > 0)
            this.commands.push({ words: this.words });
        this.words = [];
    }
    skipComment() {
        const newline = this.text.indexOf('\n', this.pos);
        this.pos = newline === -1 ? this.text.length : newline;
    }
    operator(c) {
        this.end();
        this.pos++;
        if (c === '\n' && this.heredocs.length > 0)
            this.skipHeredocs();
    }
    /** `>file`, `2>&1`, `<<EOF`: the operator and its target are not words of the command. */
    redirection() {
        const { text } = this;
        while (/\d/.test(text[this.pos]))
            this.pos++;
        const heredoc = text.startsWith('<<', this.pos) && !text.startsWith('<<<', this.pos);
        this.pos += heredoc ? 2 : 1;
        const strip = heredoc && text[this.pos] === '-';
        if (strip)
            this.pos++;
        while (/[<>&|]/.test(text[this.pos] ?? ''))
            this.pos++;
        while (blank.test(text[this.pos] ?? ''))
            this.pos++;
        if (this.pos >= text.length || operatorChars.has(text[this.pos]))
            return;
        const target = this.word();
        if (heredoc)
            this.heredocs.push({ delimiter: target.value, strip });
    }
    /** Here-document bodies start on the line after their operator; they are data, not commands. */
    skipHeredocs() {
        for (const { delimiter, strip } of this.heredocs) {
            for (;;) {
                if (this.pos >= this.text.length)
                    break;
                const newline = this.text.indexOf('\n', this.pos);
                const line = this.text.slice(this.pos, newline === -1 ? undefined : newline);
                this.pos = newline === -1 ? this.text.length : newline + 1;
                if ((strip ? line.replace(/^\t+/, '') : line) === delimiter)
                    break;
            }
        }
        this.heredocs = [];
    }
    word() {
        const { text } = this;
        const start = this.pos;
        let value = '';
        const offsets = [];
        let expands = false;
        let quoted = false;
        const add = (ch, at) => {
            value += ch;
            offsets.push(at);
        };
        while (this.pos < text.length) {
            const c = text[this.pos];
            if (blank.test(c) || operatorChars.has(c) || c === '<' || c === '>')
                break;
            if (c === '\\') {
                quoted = true;
                if (text[this.pos + 1] === '\n')
                    this.pos += 2;
                else if (this.pos + 1 < text.length) {
                    add(text[this.pos + 1], this.pos + 1);
                    this.pos += 2;
                }
                else
                    this.pos++;
            }
            else if (c === "'") {
                quoted = true;
                const close = text.indexOf("'", this.pos + 1);
                const stop = close === -1 ? text.length : close;
                for (let i = this.pos + 1; i < stop; i++)
                    add(text[i], i);
                this.pos = stop + 1;
            }
            else if (c === '"') {
                quoted = true;
                this.pos++;
                while (this.pos < text.length && text[this.pos] !== '"') {
                    const d = text[this.pos];
                    if (d === '\\' && /["\\$`\n]/.test(text[this.pos + 1] ?? '')) {
                        if (text[this.pos + 1] !== '\n')
                            add(text[this.pos + 1], this.pos + 1);
                        this.pos += 2;
                    }
                    else if (d === '$' || d === '`') {
                        expands = true;
                        const from = this.pos;
                        this.skipExpansion();
                        for (let i = from; i < this.pos; i++)
                            add(text[i], i);
                    }
                    else {
                        add(d, this.pos);
                        this.pos++;
                    }
                }
                this.pos++;
            }
            else if (c === '$' || c === '`') {
                expands = true;
                const from = this.pos;
                this.skipExpansion();
                for (let i = from; i < this.pos; i++)
                    add(text[i], i);
            }
            else {
                add(c, this.pos);
                this.pos++;
            }
        }
        return { start, end: Math.min(this.pos, text.length), value, offsets, expands, quoted };
    }
    /** `$(…)`, `${…}`, `$((…))`, backticks or `$NAME`, balanced and quote-aware. */
    skipExpansion() {
        const { text } = this;
        if (text[this.pos] === '`') {
            const close = text.indexOf('`', this.pos + 1);
            this.pos = close === -1 ? text.length : close + 1;
            return;
        }
        const open = text[this.pos + 1];
        if (open !== '(' && open !== '{') {
            const name = /^\$(?:[A-Za-z_]\w*|[0-9?#@*!$-])?/.exec(text.slice(this.pos));
            this.pos += name[0].length;
            return;
        }
        const closeChar = open === '(' ? ')' : '}';
        let depth = 0;
        for (this.pos += 1; this.pos < text.length; this.pos++) {
            const c = text[this.pos];
            if (c === '\\')
                this.pos++;
            else if (c === "'" && open === '(') {
                const close = text.indexOf("'", this.pos + 1);
                this.pos = close === -1 ? text.length : close;
            }
            else if (c === open)
                depth++;
            else if (c === closeChar && --depth === 0) {
                this.pos++;
                return;
            }
        }
    }
}
export function parseShell(text) {
    return new Scanner(text).run();
}
/** A word as the shell should read it back as exactly `value` (double quotes when needed). */
export function shellWord(value) {
    return /^[\w@%+=:,./-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}
