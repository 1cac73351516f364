import Glibc

// The host and its users, by name.
//
// Owns: host and user names. Must not: cache what may change.

package func userName(_ uid: uid_t) -> String {
    var pwd = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buf = [CChar](repeating: 0, count: 4096)
    if getpwuid_r(uid, &pwd, &buf, buf.count, &result) == 0, result != nil, let n = pwd.pw_name { return String(cString: n) }
    return String(uid)
}

package func groupName(_ gid: gid_t) -> String {
    var grp = group()
    var result: UnsafeMutablePointer<group>?
    var buf = [CChar](repeating: 0, count: 4096)
    if getgrgid_r(gid, &grp, &buf, buf.count, &result) == 0, result != nil, let n = grp.gr_name { return String(cString: n) }
    return String(gid)
}

public func hostName() -> String {
    var buf = [CChar](repeating: 0, count: 256)
    gethostname(&buf, buf.count - 1)
    return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

