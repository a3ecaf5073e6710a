// A small ustar writer for tests that build chart archives (valid, hostile or fuzzed).

/** tarHeader is one ustar header block for a file of `size` bytes (`type` '0' file, '5' dir, '2' link, ...). */
export function tarHeader(name: string, size: number, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

/** tarPadding is the zero fill after `size` bytes of data, up to the next 512-byte block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512);
}

/** tar builds an uncompressed tar stream; a file given as a number is that many zero bytes. */
export function tar(files: ReadonlyArray<readonly [string, string | number | Uint8Array]>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, body] of files) {
    const data = typeof body === 'number' ? Buffer.alloc(body) : Buffer.from(body);
    parts.push(tarHeader(name, data.length), data, tarPadding(data.length));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
