import Glibc
import Testing
@testable import VigilOnAccess

/// Which folders outside the guarded folders the kernel may stop asking about: only those
/// nobody but root can move, nor any folder above them (issue 14, item 1). A move by
/// someone else would take the folder's ignore mark into a guarded folder.
@Suite("folder ignore")
struct FolderIgnoreTests {
    typealias F = FolderIgnore.Folder
    static let root755 = F(uid: 0, mode: 0o755)
    static let tmp1777 = F(uid: 0, mode: 0o1777)

    static let cases: [(String, [F], Bool, FolderIgnore.Refusal?)] = [
        ("/usr/lib: root's all the way up", [root755, root755, root755], true, nil),
        ("the filesystem's root itself: nothing above it", [root755], true, nil),
        ("a service's folder in /var/lib (postgres owns it; only root can move it)", [F(uid: 113, mode: 0o700), root755, root755], true, nil),
        ("a folder inside that service's folder: its owner can move it", [root755, F(uid: 113, mode: 0o700), root755, root755], true, .movableByOthers),
        ("root's folder in sticky /var/tmp: only root can move it", [root755, tmp1777, root755, root755], true, nil),
        ("a user's folder in sticky /var/tmp: the user can move it", [F(uid: 1000, mode: 0o755), tmp1777, root755, root755], true, .movableByOthers),
        ("root's folder in a world-writable folder without the sticky bit", [root755, F(uid: 0, mode: 0o777), root755], true, .movableByOthers),
        ("root's folder in a group-writable folder (a shared project folder)", [root755, F(uid: 0, mode: 0o775), root755], true, .movableByOthers),
        ("root's folder in a folder with an ACL (which may grant write)", [root755, F(uid: 0, mode: 0o755, acl: true), root755], true, .movableByOthers),
        ("root's folder in a sticky folder with an ACL: the sticky bit still holds", [root755, F(uid: 0, mode: 0o1755, acl: true), root755], true, nil),
        ("a folder above that a user owns, far up", [root755, root755, F(uid: 1000, mode: 0o755), root755], true, .movableByOthers),
        ("the walk did not reach the filesystem's root (too deep, or a mount in the way)", [root755, root755], false, .unknownRoot),
    ]

    @Test("who can move it decides", arguments: cases)
    func refusal(_ c: (String, [F], Bool, FolderIgnore.Refusal?)) {
        #expect(FolderIgnore.refusal(chain: c.1, reachedRoot: c.2) == c.3, "\(c.0)")
    }

    @Test("after a change on a watched folder: still closed, or every mark goes", arguments: [
        (F(uid: 0, mode: 0o755), true),     // a touch, or chmod 755 -> 755
        (F(uid: 0, mode: 0o700), true),
        (F(uid: 0, mode: 0o1777), true),    // sticky: root's entries stay root's to move
        (F(uid: 0, mode: 0o777), false),    // chmod 777
        (F(uid: 0, mode: 0o775), false),
        (F(uid: 1000, mode: 0o755), false), // chown to a user
        (F(uid: 0, mode: 0o755, acl: true), false), // setfacl -m u:alice:rwx
    ])
    func stillClosed(_ c: (F, Bool)) {
        #expect(FolderIgnore.stillClosed(c.0) == c.1, "\(c.0)")
    }
}
