import zlib from "zlib"; import fs from "fs"; import { pipeline } from "stream/promises";
const f="/tmp/ci-check/.bench/inventory-2000000-4/inventory/bench-bucket/bucket-keys/data/23b451a2-8626-2dcb-b63a-1907d60f1e7e.csv.gz";
for (let i=0;i<3;i++){const t=performance.now();const c0=process.cpuUsage();let n=0;
await pipeline(fs.createReadStream(f,{highWaterMark:1<<20}), zlib.createGunzip({chunkSize:256*1024}), async (s)=>{for await (const d of s) n+=d.length;});
const c=process.cpuUsage(c0);console.log("gunzip",(performance.now()-t).toFixed(0),"ms", ((c.user+c.system)/1000).toFixed(0),"cpu",n)}
const buf = fs.readFileSync(f);
for (let i=0;i<3;i++){const t=performance.now(); zlib.gunzipSync(buf); console.log("sync", (performance.now()-t).toFixed(0));}
for (let i=0;i<3;i++){const t=performance.now(); const h=(await import("crypto")).createHash("md5").update(buf).digest("hex"); console.log("md5", (performance.now()-t).toFixed(0));}
