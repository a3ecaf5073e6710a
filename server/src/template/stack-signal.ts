// A process-wide note that some code met a JavaScript stack overflow (and possibly turned it into
// an error text of this engine). The CLI first renders on the main thread, whose stack is small,
// and renders again in a worker with a big stack when this count moved (cli/stack-fallback.ts):
// output that an overflow shaped must come from the big stack, where Helm's limits are reached
// first. Every place that catches an overflow calls noteStackOverflow.

let overflows = 0;

/** noteStackOverflow records that a JavaScript stack overflow was met. */
export function noteStackOverflow(): void {
  overflows++;
}

/** stackOverflowCount is the number of overflows recorded so far. */
export function stackOverflowCount(): number {
  return overflows;
}
