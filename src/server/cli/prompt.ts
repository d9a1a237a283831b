import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** Asks questions on the terminal; a secret's typing is not echoed. */
export class Prompt {
  private muted = false;
  private readonly output = new Writable({
    write: (chunk, _encoding, done) => {
      if (!this.muted) process.stdout.write(chunk);
      done();
    },
  });
  private readonly rl = createInterface({
    input: process.stdin,
    output: this.output,
    terminal: process.stdin.isTTY === true,
  });

  async ask(question: string): Promise<string> {
    return (await this.rl.question(question)).trim();
  }

  async askSecret(question: string): Promise<string> {
    process.stdout.write(question);
    this.muted = true;
    try {
      return await this.rl.question('');
    } finally {
      this.muted = false;
      process.stdout.write('\n');
    }
  }

  close(): void {
    this.rl.close();
  }
}
