// After a split build: drops the wasm chunks that hold nothing. The splitter writes a chunk for
// every combination of split modules that share code; in a release build most of them end up
// empty (a module with no imports, exports, functions or data), yet the loader would fetch each
// one before a page of any of its modules runs. Their loads become an empty module built in
// memory, they leave the split manifest (so no page asks the browser to preload them), and the
// files go. The loader and the manifest keep their names: the rewrite depends only on their
// content, which their hashed names already stand for.
//
//   node scripts/drop-empty-chunks.mjs [PKG_DIR]   (default target/site/pkg; build-site.sh runs it)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const pkg = process.argv[2] ?? path.resolve(import.meta.dirname, "..", "target", "site", "pkg");
const files = fs.readdirSync(pkg);
const loaderFile = files.find((f) => /^__wasm_split\..*\.js$/.test(f));
const manifestFile = files.find((f) => /^__wasm_split_manifest\..*\.json$/.test(f));
if (!loaderFile || !manifestFile) {
  console.log("    no split loader here; nothing to drop");
  process.exit(0);
}

// No imports and no exports: nothing can call into it, and it can reach neither the shared
// memory nor the function table (both are imports), so loading it changes nothing.
const isEmpty = (file) => {
  const module = new WebAssembly.Module(fs.readFileSync(path.join(pkg, file)));
  return WebAssembly.Module.imports(module).length === 0 &&
    WebAssembly.Module.exports(module).length === 0;
};
const empty = files.filter((f) => /^chunk_\d+\..*\.wasm$/.test(f) && isEmpty(f));
if (empty.length === 0) {
  console.log("    no empty chunk");
  process.exit(0);
}

let loader = fs.readFileSync(path.join(pkg, loaderFile), "utf8");
const emptyModule = "const __sahabot_empty_wasm = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);\n";
for (const file of empty) {
  const fetchLine = `    const src = fetch(new URL("./${file}", import.meta.url));\n` +
    "    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));";
  if (!loader.includes(fetchLine)) {
    console.error(`the split loader ${loaderFile} does not load ${file} the expected way; ` +
      "has cargo-leptos changed its output? Nothing was changed.");
    process.exit(1);
  }
  loader = loader.replace(fetchLine,
    "    return async (imports) => (WebAssembly.instantiate(__sahabot_empty_wasm, imports));");
}
const firstLoad = loader.indexOf("\nconst __chunk_");
loader = loader.slice(0, firstLoad + 1) + emptyModule + loader.slice(firstLoad + 1);

const manifest = JSON.parse(fs.readFileSync(path.join(pkg, manifestFile), "utf8"));
const dropped = new Set(empty.map((f) => f.replace(/\.wasm$/, "")));
for (const [module, list] of Object.entries(manifest)) {
  manifest[module] = list.filter((f) => !dropped.has(f.split("/").pop()));
}

const write = (file, text) => {
  fs.writeFileSync(path.join(pkg, file), text);
  // Keep the precompressed copies (release builds) in step.
  if (fs.existsSync(path.join(pkg, `${file}.br`))) {
    fs.writeFileSync(path.join(pkg, `${file}.br`), zlib.brotliCompressSync(text, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 },
    }));
  }
  if (fs.existsSync(path.join(pkg, `${file}.gz`))) {
    fs.writeFileSync(path.join(pkg, `${file}.gz`), zlib.gzipSync(text, { level: 9 }));
  }
};
write(loaderFile, loader);
write(manifestFile, JSON.stringify(manifest));
for (const file of empty) {
  for (const suffix of ["", ".br", ".gz"]) fs.rmSync(path.join(pkg, file + suffix), { force: true });
}
console.log(`    dropped ${empty.length} empty chunks of ${files.filter((f) => /^chunk_\d+\..*\.wasm$/.test(f)).length}`);
