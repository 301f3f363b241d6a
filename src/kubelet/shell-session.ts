/**
 * `kubectl exec -it POD -- sh`: an interactive shell on a simulated terminal. The terminal's line
 * discipline echoes what is typed (CR becomes CRLF, backspace erases, ^C drops the line, ^D on an
 * empty line ends the session); each complete line runs in one persistent shell (so `cd` and
 * variables stick), after a prompt like the image's shell prints.
 */
import { persistentShell } from './shell/index.js';
import type { ShellContext } from './shell/types.js';

export type Prompt = (cwd: string, hostname: string) => string;

/** busybox/alpine ash as root: "/ # "; bash in Debian-based images: "root@host:/# ". */
export const ashPrompt: Prompt = (cwd) => `${cwd} # `;
export const bashPrompt: Prompt = (cwd, host) => `root@${host}:${cwd}# `;

export async function shellSession(ctx: ShellContext, input: AsyncIterable<string>, write: (s: string) => void, prompt: Prompt = ashPrompt): Promise<number> {
  const sh = persistentShell(ctx);
  let status = 0;
  let line = '';
  const showPrompt = () => write(prompt(sh.cwd(), ctx.hostname));
  try {
    showPrompt();
    for await (const chunk of input) {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          write('\r\n');
          const text = line;
          line = '';
          if (text.trim()) {
            const r = await sh.run(text);
            status = r.status;
            if (r.exited) return status;
          }
          showPrompt();
        } else if (ch === '\x7f' || ch === '\b') {
          if (line) {
            line = line.slice(0, -1);
            write('\b \b');
          }
        } else if (ch === '\x03') {
          write('^C\r\n');
          line = '';
          showPrompt();
        } else if (ch === '\x04') {
          if (!line) {
            write('exit\r\n');
            return status;
          }
        } else if (ch >= ' ' || ch === '\t') {
          line += ch;
          write(ch);
        }
      }
    }
    return status;
  } finally {
    sh.close();
  }
}
