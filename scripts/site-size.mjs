// Sizes of the built browser bundle (target/site/pkg): the main wasm raw, gzip and brotli, the
// JS and CSS the first page needs, and each split chunk with the module (plugin or page group)
// it belongs to. With --budget-gzip BYTES it fails when the main wasm's gzip size is larger.
//
//   node scripts/site-size.mjs [--budget-gzip 300000] [--json]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const args = process.argv.slice(2);
const budgetAt = args.indexOf("--budget-gzip");
const budget = budgetAt >= 0 ? Number(args[budgetAt + 1]) : null;
const asJson = args.includes("--json");
const pkg = path.resolve(import.meta.dirname, "..", "target", "site", "pkg");

const files = fs.readdirSync(pkg).filter((f) => !f.endsWith(".gz") && !f.endsWith(".br"));
const sizes = (file) => {
  const bytes = fs.readFileSync(path.join(pkg, file));
  return {
    file,
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
};

const main = files.find((f) => /^sahabot(\.[^.]+)?(_bg)?\.wasm$/.test(f));
if (!main) {
  console.error(`no main wasm in ${pkg}: build the site first (scripts/build-site.sh)`);
  process.exit(2);
}
const js = files.find((f) => /^sahabot(\.[^.]+)?\.js$/.test(f));
const css = files.find((f) => f.endsWith(".css"));
const manifestFile = files.find((f) => /^__wasm_split_manifest.*\.json$/.test(f));
const modules = manifestFile ? JSON.parse(fs.readFileSync(path.join(pkg, manifestFile), "utf8")) : {};
const owner = {};
for (const [module, list] of Object.entries(modules)) {
  // Files are listed without their extension. `split_<module>` is the module's own chunk; the
  // others hold code several modules share.
  for (const f of list) (owner[`${f.split("/").pop()}.wasm`] ??= []).push(module);
}
const chunks = files
  .filter((f) => f.endsWith(".wasm") && f !== main)
  .map((f) => ({ ...sizes(f), modules: owner[f] ?? [] }))
  .sort((a, b) => b.gzip - a.gzip);

const report = {
  main: sizes(main),
  js: js ? sizes(js) : null,
  css: css ? sizes(css) : null,
  chunks,
  total: { raw: 0, gzip: 0, brotli: 0 },
};
for (const part of [report.main, report.js, report.css, ...chunks].filter(Boolean)) {
  for (const k of ["raw", "gzip", "brotli"]) report.total[k] += part[k];
}

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const line = (label, s) =>
  `    ${label.padEnd(44)} ${kb(s.raw).padStart(11)} raw ${kb(s.gzip).padStart(10)} gzip ${kb(s.brotli).padStart(10)} brotli`;
if (asJson) {
  console.log(JSON.stringify(report));
} else {
  console.log(line(`main wasm (${main})`, report.main));
  if (report.js) console.log(line(`main JS (${js})`, report.js));
  if (report.css) console.log(line(`stylesheet (${css})`, report.css));
  console.log(`    ${chunks.length} chunks:`);
  for (const c of chunks) {
    const own = c.file.match(/^split_(.+?)\./);
    const label = own ? own[1] : `shared by ${c.modules.join(", ") || "none"}`;
    console.log(line(`  ${label}`, c));
  }
  console.log(line("everything", report.total));
}
if (budget !== null) {
  if (report.main.gzip > budget) {
    console.error(
      `the main wasm is ${report.main.gzip} bytes gzip, over its budget of ${budget}: ` +
        "move what grew into a chunk (a plugin's pages or a lazily loaded core page), or raise the budget in scripts/test.sh with the reason",
    );
    process.exit(1);
  }
  console.log(`    main wasm within its budget: ${report.main.gzip} of ${budget} bytes gzip`);
}
