// biome-ignore-all lint/suspicious/noControlCharactersInRegex: finding control characters is what this module is for
/**
 * Text for a terminal, from sources we do not control (360dialog answers, the command line, number
 * names): a developer_message can carry escape sequences that retitle the window, clear the screen
 * or paint a fake "all healthy", and a terminal obeys whatever it is sent.
 */

// ESC-introduced: OSC / DCS / SOS / PM / APC strings (ended by BEL or ST), CSI sequences, then any
// other two-character escape; the 8-bit C1 forms of OSC, DCS and CSI the same way. A string that is
// never ended runs to the end of the text, as a terminal would swallow it.
const SEQUENCES = [
  /\u001b[\]PX^_][\s\S]*?(?:\u0007|\u001b\\|$)/g,
  /[\u0090\u0098\u009d\u009e\u009f][\s\S]*?(?:\u0007|\u009c|\u001b\\|$)/g,
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?/g,
  /\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g,
];
// Every other control character but newline and tab: CR could overwrite a line, BS erase one.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Removes terminal control sequences and control characters, keeping `\n` and `\t`. */
export function safeForTerminal(text: string): string {
  let out = text;
  for (const sequence of SEQUENCES) out = out.replace(sequence, '');
  return out.replace(CONTROLS, '');
}
