// Writes the README the .vsix carries (client/out/README.md): the repository's README with each
// screenshot link made absolute. VS Code's extension page renders a local extension's README
// through a sanitizer that keeps only http(s) image sources (relative and data: sources are
// dropped: "broken images") under a policy allowing https: images, so the screenshots must come
// from an https URL. They are shipped in the npm package (docs/images/, see .npmignore), so the
// default base is that package version's files on the jsDelivr npm CDN; set
// CHARTWRIGHT_IMAGES_BASE_URL to serve them from elsewhere. `npm run package` passes this file to
// vsce (--readme-path); scripts/check-vsix.mjs and the e2e test check the links.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const imagesBase = process.env.CHARTWRIGHT_IMAGES_BASE_URL ?? `https://cdn.jsdelivr.net/npm/${name}@${version}/docs/images/`;
const out = join(root, 'client', 'out', 'README.md');

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  let count = 0;
  const linked = readme.replace(/!\[([^\]]*)\]\(docs\/images\/([\w-]+\.png)\)/g, (_m, alt, file) => {
    count++;
    readFileSync(join(root, 'docs', 'images', file)); // the file must exist
    return `![${alt}](${imagesBase}${file})`;
  });
  const left = linked.match(/!\[[^\]]*\]\((?!https:)[^)]*\)/g);
  if (left !== null) {
    console.error(`README.md has images that are neither docs/images/*.png nor https: ${left.join(', ')}`);
    process.exit(1);
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, linked);
  console.log(`${out}: ${count} screenshots linked at ${imagesBase}`);
}
