import Foundation
import Testing
@testable import CivKit

/// What a data engineer's toolbox needs: compressed input, shards, counters, progress, the
/// layouts LLM data tools read, scale-out with GNU parallel.
@Suite struct ToolboxTests {
    // MARK: compressed input

    @Test func compressionIsToldByMagicBytes() {
        #expect(Compression.detect([0x1F, 0x8B, 0x08, 0x00]) == .gzip)
        #expect(Compression.detect([0x28, 0xB5, 0x2F, 0xFD]) == .zstd)
        #expect(Compression.detect([0x28, 0xB5, 0x2F]) == nil)
        #expect(Compression.detect(Array("萍鄉".utf8)) == nil)
        #expect(Compression.detect([]) == nil)
        #expect(Compression.detect([0xFF, 0xFE, 0x02, 0x5E]) == .utf16)
        #expect(Compression.detect([0xFE, 0xFF, 0x5E, 0x02]) == .utf16)
    }

    /// UTF-16 text with a byte-order mark (little- or big-endian), as a file or on standard input,
    /// gives what its UTF-8 form gives.
    @Test func utf16WithAByteOrderMarkIsTranscoded() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); cat testdata/seeds/*.txt > $d/p.txt
            iconv -f UTF-8 -t UTF-16 $d/p.txt > $d/le.txt; { printf '\\376\\377'; iconv -f UTF-8 -t UTF-16BE $d/p.txt; } > $d/be.txt
            body() { civ-clean "$@" | grep -v '^%source'; }
            body $d/p.txt | md5sum; body $d/le.txt | md5sum; body < $d/be.txt | md5sum; rm -r $d
            """)
        let sums = r.text.split(separator: "\n")
        #expect(r.status == 0 && sums.count == 3 && Set(sums).count == 1, "\(r.text) \(r.stderr)")
    }

    /// Plain bytes read through `opening` are the bytes, also when the first ones look like the
    /// start of a magic number.
    @Test func unknownDataPassesThroughUnchanged() throws {
        for text in ["", "a", "(\n", "(\u{B5}x\nline two\n", "\u{1F}text\n", "萍鄉(xiāng)\n"] {
            var fds: [Int32] = [0, 0]
            #expect(pipe(&fds) == 0)
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count) }
            close(fds[1])
            let input = try ByteInput.opening(fileDescriptor: fds[0], name: "-", maxLineBytes: 1 << 20, ownsDescriptor: true)
            #expect(input.compression == nil)
            #expect(try input.nextBytes(1000) == bytes, "\(text)")
        }
    }

    @Test func gzipAndZstdFilesAndStdinGiveThePlainBodies() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); cat testdata/seeds/*.txt > $d/p.txt; gzip -c $d/p.txt > $d/p.gz; zstd -qc $d/p.txt > $d/p.bin
            body() { civ-clean "$@" | grep -v '^%'; }
            body $d/p.txt | md5sum; body $d/p.gz | md5sum; body $d/p.bin | md5sum
            body < $d/p.txt | md5sum; body < $d/p.gz | md5sum; cat $d/p.bin | body | md5sum
            rm -r $d
            """)
        let sums = r.text.split(separator: "\n")
        #expect(r.status == 0 && sums.count == 6, "\(r.stderr)")
        #expect(Set(sums[0..<3]).count == 1 && Set(sums[3..<6]).count == 1, "\(r.text)")
    }

    /// A file of concatenated pages is split as standard input is; --whole-files keeps it one.
    @Test func filesAreSplitIntoPagesLikeStandardInput() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); for i in 1 2 3; do cat testdata/seeds/*.txt; done | gzip > $d/pages.gz
            civ-clean $d/pages.gz | grep -v '^%source' | md5sum; zcat $d/pages.gz | civ-clean | grep -v '^%source' | md5sum
            civ-clean --whole-files $d/pages.gz | grep -c '^%end'; rm -r $d
            """)
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 3 && lines[0] == lines[1] && lines[2] == "1", "\(r.text) \(r.stderr)")
    }

    /// A WET file compressed as Common Crawl ships it (one gzip member a record): one document
    /// a conversion record, with its URL; the shards split it by WARC record id.
    @Test func gzippedWETFile() throws {
        func record(_ id: Int, _ body: String) -> String {
            let length = body.utf8.count
            return "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://a.cn/\(id).html\r\nWARC-Record-ID: <urn:uuid:\(id)>\r\nContent-Type: text/plain\r\nContent-Length: \(length)\r\n\r\n\(body)\r\n\r\n"
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("civ-wet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for id in 1...6 {
            try record(id, "第\(id)篇文章。\n市委书记调研文明城市创建工作。").write(to: dir.appendingPathComponent("r\(id)"), atomically: false, encoding: .utf8)
        }
        let r = try Support.shell("""
            cd \(dir.path) && for i in 1 2 3 4 5 6; do gzip -c r$i; done > crawl.warc.wet.gz
            civ-clean crawl.warc.wet.gz | grep -c '^%url http://a.cn/'
            for i in 1 2; do civ-clean --shard $i/2 crawl.warc.wet.gz | grep '^%url'; done | sort | uniq | wc -l
            zcat crawl.warc.wet.gz > crawl.wet; civ-clean --part 1/2 crawl.wet > /dev/null; echo $?
            cd \(Support.packageRoot.path) && scripts/civ-parallel -j 2 'civ-clean | civ-jsonl' \(dir.path)/crawl.wet | wc -l
            """)
        #expect(r.text == "6\n6\n74\n6\n", "\(r.text) \(r.stderr)")
    }

    @Test func corruptCompressedInputExits74() throws {
        let r = try Support.shell("d=$(mktemp -d); cat testdata/seeds/*.txt | gzip -c | head -c 200 > $d/x.gz; civ-clean $d/x.gz > /dev/null; echo $?; rm -r $d")
        #expect(r.text == "74\n")
        #expect(r.stderr.contains("gzip -dc failed"))
    }

    // MARK: shards

    @Test func shardParsing() {
        #expect(Shard("2/3") == Shard(index: 2, count: 3))
        #expect(Shard("0/3") == nil && Shard("4/3") == nil && Shard("1/0") == nil && Shard("x") == nil)
        // Stable: the same on every machine and run (FNV-1a test vector).
        #expect(Shard.hash("a") == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func shardsTogetherAreTheSerialRunExactlyOnce() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); for i in 1 2 3 4 5; do cat testdata/seeds/*.txt; done > $d/in.txt
            split() { grep -v '^%' | sort; }
            civ-clean < $d/in.txt | civ-jsonl | sort > $d/serial
            for i in 1 2 3; do civ-clean --shard $i/3 < $d/in.txt | civ-jsonl; done | sort > $d/shards
            for i in 1 2 3; do civ-clean --shard $i/3 < $d/in.txt | grep -c '^%end'; done
            cmp $d/serial $d/shards && echo same
            civ-clean < $d/in.txt | civ-jsonl --shard 2/2 | wc -l
            rm -r $d
            """)
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 5, "\(r.text) \(r.stderr)")
        guard lines.count == 5 else { return }
        #expect(lines[0..<3].compactMap { Int($0) }.reduce(0, +) == 10)
        #expect(lines[0..<3].allSatisfy { $0 != "0" && $0 != "10" }, "every shard gets some: \(lines)")
        #expect(lines[3] == "same")
        #expect(Int(lines[4]).map { $0 > 0 && $0 < 10 } == true)
    }

    // MARK: counters

    @Test func statsFormats() throws {
        let tsv = try Support.shell("civ-clean --stats testdata/seeds/\(Support.seedNames[0]) > /dev/null")
        #expect(tsv.stderr.contains("civ-clean\tdocuments.in\t1\n"))
        let json = try Support.shell("civ-clean --stats=json testdata/seeds/\(Support.seedNames[0]) > /dev/null")
        let object = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any]
        #expect(object?["tool"] as? String == "civ-clean")
        #expect((object?["counters"] as? [String: Int])?["documents.in"] == 1)
        let table = try Support.shell("civ-clean --stats=table < testdata/seeds/\(Support.seedNames[0]) > /dev/null")
        #expect(table.stderr.contains("  documents.in "))
        #expect(try Support.shell("civ-clean --stats=xml < /dev/null").status == 64)
    }

    @Test func hadoopStreamingCounters() throws {
        for variable in ["mapreduce_task_id", "mapred_task_id"] {
            let r = try Support.shell("\(variable)=attempt_1_m_000000_0 civ-clean testdata/seeds/\(Support.seedNames[0]) | \(variable)=x civ-jsonl > /dev/null")
            #expect(r.stderr.contains("reporter:counter:civ,civ-clean.documents.in,1\n"), "\(r.stderr)")
            #expect(r.stderr.contains("reporter:counter:civ,civ-jsonl.documents.out,1\n"))
        }
        #expect(try !Support.shell("civ-clean testdata/seeds/\(Support.seedNames[0]) > /dev/null").stderr.contains("reporter:"))
    }

    // MARK: progress

    @Test func progressLineFormat() {
        var written = ""
        let p = Progress(tool: "civ-clean") { written += $0 }
        p.totalBytes = 10_000_000
        p.documents = { 7 }
        p.add(bytes: 2_500_000)
        #expect(p.line(elapsed: 1) == "civ-clean: 2.5 MB, 7 documents, 2.5 MB/s, ETA 0:03 (25%)")
        p.finish()
        #expect(written.hasSuffix("\n") && written.contains("MB/s") && !written.contains("ETA"))
        #expect(Progress.clock(3725) == "1:02:05")
    }

    /// In a real terminal (`script` gives the filter a pty): a progress line; on a pipe, none;
    /// with --quiet, none.
    @Test func progressOnlyOnATerminal() throws {
        let r = try Support.shell("""
            command -v script > /dev/null || { echo skip; exit; }
            d=$(mktemp -d); cat testdata/seeds/*.txt > $d/in.txt
            script -qec "civ-clean $d/in.txt > /dev/null" /dev/null > $d/tty 2>&1
            script -qec "civ-clean --quiet $d/in.txt > /dev/null" /dev/null > $d/quiet 2>&1
            civ-clean $d/in.txt 2> $d/pipe > /dev/null
            script -qec "civ-clean $d/in.txt | civ-extract | civ-jsonl > /dev/null" /dev/null > $d/pipeline 2>&1
            script -qec "cat $d/in.txt | civ-clean --progress > /dev/null" /dev/null > $d/forced 2>&1
            for f in tty quiet pipe pipeline forced; do grep -ac 'MB/s' $d/$f; done
            grep -a 'MB/s' $d/pipeline | tr '\\r' '\\n' | grep -v '^$' | cut -d: -f1 | sort -u; rm -r $d
            """)
        if r.text == "skip\n" { return }
        // One line in the pipeline, civ-clean's: the filters reading a pipe stay silent.
        #expect(r.text == "1\n0\n0\n1\n1\nciv-clean\n", "\(r.text) \(r.stderr)")
    }

    /// Messages while the progress line is drawn start on a line of their own.
    @Test func messagesDoNotRunIntoTheProgressLine() throws {
        let r = try Support.shell("""
            command -v script > /dev/null || { echo skip; exit; }
            d=$(mktemp -d); printf '  \\n' > $d/blank.txt
            script -qec "civ-clean $d/blank.txt testdata/seeds/\(Support.seedNames[0]) > /dev/null" /dev/null | tr -d '\\r' | grep -a 'rejected documents'; rm -r $d
            """)
        if r.text == "skip\n" { return }
        #expect(r.text.hasPrefix("civ-clean: rejected documents (empty: 1)"), "\(r.text)")
    }

    // MARK: layouts

    @Test func datatroveAndDolmaLayouts() throws {
        let r = try Support.shell("civ-clean testdata/seeds/*.txt | civ-extract > /tmp/civ-layout-$$; civ-jsonl --layout datatrove < /tmp/civ-layout-$$; civ-jsonl --layout dolma < /tmp/civ-layout-$$; rm /tmp/civ-layout-$$")
        let objects = r.text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == 4)
        guard objects.count == 4 else { return }
        for o in objects[0..<2] { #expect(Set(o.keys) == ["text", "id", "metadata"]) }
        for o in objects[2..<4] { #expect(Set(o.keys) == ["id", "text", "source", "added", "created", "metadata"]) }
        #expect(objects[0]["id"] as? String == "testdata/seeds/\(Support.seedNames[0])#0")
        let metadata = objects[0]["metadata"] as? [String: Any]
        #expect(metadata?["title"] is String && metadata?["body"] == nil)
        #expect((objects[0]["text"] as? String)?.hasPrefix(metadata?["title"] as? String ?? "?") == true)
        #expect(objects[2]["source"] as? String == "civ")
    }

    /// datatrove's own JsonlReader reads the output back (datatrove installed in .build/civ-venv
    /// by `scripts/ensure-deps --for-tests`, which scripts/test runs).
    @Test func datatroveJsonlReaderReadsTheOutput() throws {
        let python = Support.packageRoot.appendingPathComponent(".build/civ-venv/bin/python").path
        let r = try Support.shell("""
            "\(python)" -c 'import datatrove' 2>/dev/null || { echo "no datatrove: run scripts/ensure-deps --for-tests"; exit 1; }
            d=$(mktemp -d); civ-clean testdata/seeds/*.txt | civ-extract | civ-jsonl --layout datatrove > $d/docs.jsonl
            "\(python)" - $d <<'PY'
            import sys
            from datatrove.pipeline.readers import JsonlReader
            for doc in JsonlReader(sys.argv[1], glob_pattern="*.jsonl")():
                print(doc.id, doc.text.split("\\n")[0] == doc.metadata["title"], doc.metadata["published"])
            PY
            rm -r $d
            """)
        #expect(r.text == """
            testdata/seeds/\(Support.seedNames[0])#0 True 2019-07-22T10:34:00+08:00
            testdata/seeds/\(Support.seedNames[1])#0 True 2022-03-03T23:55:00+08:00

            """, "\(r.text) \(r.stderr)")
    }

    // MARK: install

    /// What scripts/install writes for each filter comes from the argument parser: completions
    /// that know the shared flags, and --help with examples (the man page's text).
    @Test func completionsAndHelpForEveryFilter() throws {
        for tool in ["civ-clean", "civ-segment", "civ-extract", "civ-jsonl", "civ-dedup"] {
            for shell in ["bash", "zsh", "fish"] {
                let r = try Support.shell("\(tool) --generate-completion-script \(shell)")
                #expect(r.status == 0 && r.text.contains("shard") && r.text.contains("stats"), "\(tool) \(shell)")
            }
            let help = try Support.shell("\(tool) --help")
            #expect(help.text.contains("Examples:\n  ") && help.text.contains("| civ-"), "\(tool)")
        }
    }

    // MARK: data tables

    @Test func bundledTablesAreWellFormed() {
        #expect(DataFileCheck.problems(["boilerplate.tsv", "extract-labels.tsv", "site-talk.tsv", "spam-words.txt"], environment: [:], bundled: true) == [])
    }

    /// A malformed line of a table under CIV_DATA_DIR: file and line number, exit 65, no crash.
    @Test func malformedTableLinesAreReportedWithTheirNumber() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); cp Sources/CivKit/Resources/boilerplate.tsv Sources/CivKit/Resources/extract-labels.tsv $d/
            printf 'counter\tdrop\tany\t-\t-\t(unclosed\nbroken line\n' >> $d/boilerplate.tsv
            printf 'origin\n' >> $d/extract-labels.tsv
            n=$(wc -l < $d/boilerplate.tsv)
            CIV_DATA_DIR=$d civ-clean testdata/seeds/\(Support.seedNames[0]) > /dev/null; echo "clean $?"
            CIV_DATA_DIR=$d civ-extract testdata/seeds/\(Support.seedNames[0]) > /dev/null; echo "extract $?"; echo $n; rm -r $d
            """)
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 3 && lines[0] == "clean 65" && lines[1] == "extract 65", "\(r.text) \(r.stderr)")
        guard lines.count == 3, let n = Int(lines[2]) else { return }
        #expect(r.stderr.contains("boilerplate.tsv:\(n - 1): bad scope, boundary or pattern"))
        #expect(r.stderr.contains("boilerplate.tsv:\(n): expected 6 tab-separated columns"))
        #expect(r.stderr.contains("extract-labels.tsv:") && r.stderr.contains("expected KIND<TAB>WORD: origin"))
    }

    /// The boilerplate table may name more keywords than its automaton holds (128): the rest are
    /// searched rule by rule, and a rule keyed by the last of them still takes its line. Word
    /// lists found by one automaton (spam words, site talk) over 128 entries are refused, exit 65.
    @Test func tablesPastTheKeywordAutomatonsSize() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); cp Sources/CivKit/Resources/boilerplate.tsv Sources/CivKit/Resources/spam-words.txt $d/
            for i in $(seq 1 80); do printf 'extra\tdrop\tany\t-\t测试词%03d\t^测试词%03d号$\n' $i $i >> $d/boilerplate.tsv; done
            printf '本市召开会议，部署全年工作。\n测试词080号\n会议要求各部门抓好落实。\n' > $d/page.txt
            CIV_DATA_DIR=$d civ-clean --stats=json $d/page.txt 2>&1 >/dev/null | grep -o '"dropped.extra":[0-9]*'
            for i in $(seq 1 80); do echo "词语$i" >> $d/spam-words.txt; done
            CIV_DATA_DIR=$d civ-clean $d/page.txt > /dev/null 2> $d/err; echo "status $?"; grep -c 'spam-words.txt: .* at most 128' $d/err; rm -r $d
            """)
        #expect(r.text == "\"dropped.extra\":1\nstatus 65\n1\n", "\(r.text) \(r.stderr)")
    }

    // MARK: scale-out

    /// `civ-clean --part k/n`: the parts, cut where pages start (here inside glued lines), give
    /// the serial run's text and offsets, in its order; civ-parallel runs them on one file.
    @Test func partsOfOneFileAreTheSerialRun() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); for i in 1 2 3 4; do cat testdata/seeds/*.txt; done > $d/in.txt
            strip() { grep -v '^%repairs'; }
            civ-clean $d/in.txt | strip > $d/serial
            for k in 1 2 3; do civ-clean --part $k/3 $d/in.txt | strip; done > $d/parts
            for k in 1 2 3; do civ-clean --part $k/3 $d/in.txt | grep -c '^%end'; done
            cmp $d/serial $d/parts && echo same
            scripts/civ-parallel -j 3 'civ-clean | civ-jsonl' $d/in.txt > $d/p1
            scripts/civ-parallel -j 2 'civ-clean | civ-jsonl' < $d/in.txt > $d/p2
            civ-clean $d/in.txt | civ-jsonl > $d/s
            body() { python3 -c "import json,sys;[print(json.loads(l)['body']) for l in open(sys.argv[1])]" $1; }
            cmp <(body $d/s) <(body $d/p1) && cmp <(body $d/s) <(body $d/p2) && echo parallel same
            rm -r $d
            """)
        let lines = r.text.split(separator: "\n")
        #expect(lines.count == 5, "\(r.text) \(r.stderr)")
        guard lines.count == 5 else { return }
        #expect(lines[0..<3].compactMap { Int($0) }.reduce(0, +) == 8 && !lines[0..<3].contains("0"))
        #expect(lines[3] == "same" && lines[4] == "parallel same")
    }

    @Test func civParallelEqualsASerialRun() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); for i in 1 2 3; do cat testdata/seeds/*.txt; done > $d/in.txt
            civ-clean < $d/in.txt | civ-jsonl | sort > $d/serial
            cat $d/in.txt | scripts/civ-parallel -j 2 'civ-clean | civ-jsonl' | sort > $d/raw
            civ-clean < $d/in.txt | scripts/civ-parallel -j 2 --block 20k 'civ-extract | civ-jsonl' | sort > $d/records
            civ-clean < $d/in.txt | civ-extract | civ-jsonl | sort > $d/serial-records
            civ-clean testdata/seeds/*.txt | civ-jsonl | sort > $d/serial-files
            scripts/civ-parallel -j 2 'civ-clean | civ-jsonl' testdata/seeds/*.txt | sort > $d/files
            cmp $d/serial $d/raw && cmp $d/records $d/serial-records && cmp $d/files $d/serial-files && wc -l < $d/raw
            rm -r $d
            """)
        #expect(r.text == "6\n", "\(r.text) \(r.stderr)")
    }
}
