/**
 * A native reader for Windows XML Event Log (.evtx) files, in pure Java, streaming (one 64 KiB chunk at a time,
 * a few chunks in flight), with each record rendered as the JSON tree the Rust {@code evtx_dump} writes, so the
 * normalizers read .evtx records exactly as they read JSON exports.
 *
 * <p>Entry point: {@link dev.tripline.ingest.evtx.EvtxReader}. Inside: {@code ChunkParser} (chunk header,
 * checksums, records, damage), {@code BinXmlParser} (BinXML tokens, names and templates by chunk-relative
 * offset), {@code Values} (substitution value types), {@code JsonLayout} (the evtx_dump layout).
 *
 * <p>No maintained Java EVTX library exists on Maven Central (Apache NiFi's {@code ParseEvtx} is a NiFi
 * processor bundle, not a library), so this package was written from the format documentation, without copying
 * code:
 * <ul>
 *   <li>Joachim Metz, "Windows XML Event Log (EVTX) format", libyal/libevtx,
 *       {@code documentation/Windows XML Event Log (EVTX).asciidoc} (file and chunk headers, checksums, BinXML
 *       tokens, value types, corruption scenarios);
 *   <li>omerbenamram/evtx, {@code MS-EVEN6.md} (Microsoft's [MS-EVEN6] BinXML grammar), and that project's
 *       {@code evtx_dump} JSON output, which this package reproduces (checked against SigmaHQ's renderings);
 *   <li>Microsoft, [MS-EVEN6]: EventLog Remoting Protocol Version 6.0, section 2.2.12 onwards (BinXml).
 * </ul>
 */
package dev.tripline.ingest.evtx;
