import CArchive
import Glibc

/// One libarchive read handle over bytes in memory or an open descriptor.
///
/// Owns: the `struct archive *`, the formats and filters it may use, and the pread
/// callbacks over a descriptor. Must not: keep state between archives, or decide what
/// a member means.
///
/// Formats and filters are named one by one, never `_all`: `_all` brings mtree (whose
/// entries name files on *this* machine to read) and filters that run external
/// programs (lrzip, lzop, grzip), neither of which a scanner of hostile files may do.
final class LibArchiveReader {
    let handle: OpaquePointer
    private var source: DescriptorSource?

    /// A descriptor read with pread at our own offset: the file offset of a descriptor
    /// the kernel handed over (fanotify) or that other code reads is never moved.
    final class DescriptorSource {
        let fd: Int32
        let size: Int64
        var offset: Int64 = 0
        let buffer: UnsafeMutableRawPointer
        static let bufferSize = 256 << 10
        init(fd: Int32, size: Int64) {
            self.fd = fd
            self.size = size
            buffer = .allocate(byteCount: DescriptorSource.bufferSize, alignment: 16)
        }
        deinit { buffer.deallocate() }
    }

    private init(_ a: OpaquePointer) { handle = a }

    /// Enables exactly the formats and filters Vigil reads.
    /// `rawOnly`: the decompressed stream as one member, whatever it looks like.
    private static func configure(_ a: OpaquePointer, rawOnly: Bool) throws(LibArchiveError) {
        // Each returns ARCHIVE_WARN when it would fall back to an external program.
        let filters: [(String, (OpaquePointer) -> Int32)] = [
            ("gzip", archive_read_support_filter_gzip), ("bzip2", archive_read_support_filter_bzip2),
            ("xz", archive_read_support_filter_xz), ("lzma", archive_read_support_filter_lzma),
            ("zstd", archive_read_support_filter_zstd), ("lz4", archive_read_support_filter_lz4),
            ("compress", archive_read_support_filter_compress),
        ]
        for (name, enable) in filters where enable(a) != ARCHIVE_OK {
            throw LibArchiveError("libarchive cannot decompress \(name) in-process: \(message(a))")
        }
        let formats: [(OpaquePointer) -> Int32] = rawOnly ? [archive_read_support_format_raw] : [
            archive_read_support_format_zip, archive_read_support_format_tar, archive_read_support_format_gnutar,
            archive_read_support_format_7zip, archive_read_support_format_rar, archive_read_support_format_rar5,
            archive_read_support_format_cpio, archive_read_support_format_iso9660, archive_read_support_format_raw,
        ]
        for enable in formats where enable(a) != ARCHIVE_OK {
            throw LibArchiveError("libarchive format unavailable: \(message(a))")
        }
    }

    /// Reads `bytes`, which must outlive the reader.
    static func open(memory bytes: UnsafeRawBufferPointer, rawOnly: Bool = false) throws(LibArchiveError) -> LibArchiveReader {
        guard let a = archive_read_new() else { throw LibArchiveError("libarchive: out of memory") }
        do { try configure(a, rawOnly: rawOnly) } catch { archive_read_free(a); throw error }
        let r = LibArchiveReader(a)
        guard archive_read_open_memory(a, bytes.baseAddress, bytes.count) == ARCHIVE_OK else {
            throw LibArchiveError(LibArchiveReader.message(a))
        }
        return r
    }

    /// Reads the file behind `fd` (`size` bytes) with pread; `fd` must stay open.
    static func open(descriptor fd: Int32, size: Int64, rawOnly: Bool = false) throws(LibArchiveError) -> LibArchiveReader {
        guard let a = archive_read_new() else { throw LibArchiveError("libarchive: out of memory") }
        do { try configure(a, rawOnly: rawOnly) } catch { archive_read_free(a); throw error }
        let r = LibArchiveReader(a)
        let src = DescriptorSource(fd: fd, size: size)
        r.source = src
        archive_read_set_callback_data(a, Unmanaged.passUnretained(src).toOpaque())
        archive_read_set_read_callback(a) { a, data, out in
            let src = Unmanaged<DescriptorSource>.fromOpaque(data!).takeUnretainedValue()
            while true {
                let n = pread(src.fd, src.buffer, DescriptorSource.bufferSize, off_t(src.offset))
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    vigil_archive_set_errno(a, errno)
                    return -1
                }
                src.offset += Int64(n)
                out?.pointee = UnsafeRawPointer(src.buffer)
                return n
            }
        }
        archive_read_set_skip_callback(a) { _, data, request in
            let src = Unmanaged<DescriptorSource>.fromOpaque(data!).takeUnretainedValue()
            let step = max(0, min(request, src.size - src.offset))
            src.offset += step
            return step
        }
        archive_read_set_seek_callback(a) { _, data, offset, whence in
            let src = Unmanaged<DescriptorSource>.fromOpaque(data!).takeUnretainedValue()
            let base: Int64 = switch whence {
            case SEEK_SET: 0
            case SEEK_CUR: src.offset
            case SEEK_END: src.size
            default: -1
            }
            let target = base + offset
            guard base >= 0, target >= 0 else { return Int64(ARCHIVE_FATAL) }
            src.offset = target
            return target
        }
        guard archive_read_open1(a) == ARCHIVE_OK else { throw LibArchiveError(LibArchiveReader.message(a)) }
        return r
    }

    deinit { archive_read_free(handle) }

    var errorMessage: String { LibArchiveReader.message(handle) }

    static func message(_ a: OpaquePointer) -> String {
        archive_error_string(a).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    var isRaw: Bool { vigil_archive_format_is_raw(handle) != 0 }
    var formatName: String { archive_format_name(handle).map { String(cString: $0) } ?? "?" }
    /// 1 yes, 0 no, negative: the format cannot tell (yet).
    var hasEncryptedEntries: Int32 { archive_read_has_encrypted_entries(handle) }
}

struct LibArchiveError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
