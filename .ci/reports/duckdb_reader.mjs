// DuckDB (npm @duckdb/node-api) as a report consumer, each check printed as "ok ..." or
// "FAIL ...": read_parquet over the Parquet delivery's data files and read_csv over the
// CSV delivery's (gunzipped) ones, local copies under DL-DIR; column names and types
// against each manifest's fileSchema, row counts against the deliveries'.
//
// usage: node duckdb_reader.mjs DELIVERIES-DIR DL-DIR
import { readFileSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";

const [deliveriesDir, dl] = process.argv.slice(2);
const delivery = (id) => JSON.parse(readFileSync(`${deliveriesDir}/${id}.json`, "utf8"));
const manifest = (d) => JSON.parse(readFileSync(`${dl}/${d.manifestKey}`, "utf8"));
const sqlList = (paths) => "[" + paths.map((p) => `'${p.replaceAll("'", "''")}'`).join(", ") + "]";

let failed = false;
async function check(name, f) {
  try {
    const detail = await f();
    console.log(`ok   duckdb ${name}` + (detail ? `: ${detail}` : ""));
  } catch (e) {
    failed = true;
    console.log(`FAIL duckdb ${name}: ${e.message}`);
  }
}
function expect(cond, detail) {
  if (!cond) throw new Error(detail);
  return detail;
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
const rows = async (sql) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
// columns SOURCE: [[name, DuckDB type], ...] as DESCRIBE gives them.
const columns = async (source) => (await rows(`DESCRIBE SELECT * FROM ${source}`)).map((r) => [r.column_name, r.column_type]);
const count = async (source) => Number((await rows(`SELECT count(*) AS n FROM ${source}`))[0].n);

// parquetSchema reads "message s3.inventory {  required binary key (STRING);  ...}" into
// [[name, the DuckDB type its physical type and annotation map to], ...].
function parquetSchema(text) {
  const message = text.match(/^message s3\.inventory \{(.*)\}$/);
  expect(message, `fileSchema is not a message s3.inventory: ${text}`);
  return message[1].split(";").map((s) => s.trim()).filter(Boolean).map((col) => {
    const m = col.match(/^(required|optional) (\w+) (\w+)(?: \((.+)\))?$/);
    expect(m, `column ${col}`);
    const [, , physical, name, annotation] = m;
    if (physical === "binary" && annotation === "STRING") return [name, "VARCHAR"];
    if (physical === "boolean" && !annotation) return [name, "BOOLEAN"];
    if (physical === "int64" && !annotation) return [name, "BIGINT"];
    if (physical === "int64" && annotation === "TIMESTAMP(MILLIS,true)") return [name, "TIMESTAMP WITH TIME ZONE"];
    throw new Error(`no DuckDB type known for ${col}`);
  });
}

const pq = delivery("daily-parquet");
const pqManifest = manifest(pq);
const pqFiles = sqlList(pqManifest.files.map((f) => `${dl}/${f.key}`));
const pqSource = `read_parquet(${pqFiles})`;
await check("read_parquet: columns and types = fileSchema", async () => {
  const want = parquetSchema(pqManifest.fileSchema);
  const got = await columns(pqSource);
  return expect(same(got, want), `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`) &&
    `${want.length} columns (VARCHAR, BOOLEAN, BIGINT, TIMESTAMP WITH TIME ZONE)`;
});
await check("read_parquet: rows", async () => {
  const n = await count(pqSource);
  return expect(n === pq.rows, `${n} rows, the delivery has ${pq.rows}`) && `${n} rows in ${pqManifest.files.length} files`;
});

const cs = delivery("daily-csv");
const csManifest = manifest(cs);
const names = csManifest.fileSchema.split(", ");
const csFiles = sqlList(csManifest.files.map((f) => `${dl}/${f.key.replace(/\.gz$/, "")}`));
const csSource = `read_csv(${csFiles}, header = false, names = ${sqlList(names)}, all_varchar = true)`;
await check("read_csv: columns = fileSchema", async () => {
  const got = (await columns(csSource)).map(([name]) => name);
  return expect(same(got, names), `got ${got}, want ${names}`) && `${names.length} columns named from fileSchema`;
});
await check("read_csv: rows", async () => {
  const n = await count(csSource);
  return expect(n === cs.rows, `${n} rows, the delivery has ${cs.rows}`) && `${n} rows in ${csManifest.files.length} files`;
});

// The two formats describe one bucket: the same columns, snake_case in Parquet, and the
// same keys (URL-encoded in the CSV only).
await check("Parquet and CSV name the same columns", async () => {
  const snake = names.map((n) => n.replace(/(?<!^)(?=[A-Z])/g, "_").toLowerCase());
  const got = (await columns(pqSource)).map(([name]) => name);
  return expect(same(got, snake), `Parquet ${got}, CSV ${snake}`) && "VersionId is version_id, ETag e_tag, ...";
});
await check("Parquet and CSV hold the same versions", async () => {
  const parquet = `SELECT key, coalesce(version_id, '') FROM ${pqSource}`;
  const csv = `SELECT url_decode(replace(Key, '+', ' ')), coalesce(VersionId, '') FROM ${csSource}`;
  const [r] = await rows(`SELECT (SELECT count(*) FROM (${parquet} EXCEPT ${csv})) AS only_parquet,
      (SELECT count(*) FROM (${csv} EXCEPT ${parquet})) AS only_csv,
      (SELECT count(DISTINCT key) FROM ${pqSource}) AS keys`);
  return expect(Number(r.only_parquet) === 0 && Number(r.only_csv) === 0,
    `${r.only_parquet} (key, version id) pairs only in Parquet, ${r.only_csv} only in the CSV`) &&
    `${r.keys} keys, the CSV's decoded with url_decode after + → space; null versions empty in both`;
});

process.exit(failed ? 1 : 0);
