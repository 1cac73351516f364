// Rules written for the parity test: every module Vigil documents, libyara's match
// limit (a warning in yara, too-many-matches in Vigil) and a regex libyara gives up on.
import "elf"
import "pe"
import "math"
import "hash"
import "time"
import "dotnet"
import "magic"

rule crafted_many_matches
{
    strings:
        $a = "AAAA"
    condition:
        #a > 10
}

rule crafted_elf_shared_object
{
    condition:
        elf.type == elf.ET_DYN and elf.number_of_sections > 20
}

rule crafted_pe
{
    condition:
        pe.is_pe and pe.number_of_sections > 0
}

rule crafted_dotnet
{
    condition:
        dotnet.is_dotnet == 1
}

rule crafted_high_entropy
{
    condition:
        filesize > 4096 and filesize < 10MB and math.entropy(0, filesize) > 7.9
}

rule crafted_elf_magic_hash
{
    condition:
        filesize > 4 and hash.md5(0, 4) == "b9b4b4e8e39a0e0e6ca9e70c73d51d77" or uint32(0) == 0x464C457F and hash.crc32(0, 4) != 0
}

rule crafted_time
{
    condition:
        time.now() > 1600000000 and filesize == 0
}

rule crafted_magic_script
{
    condition:
        magic.mime_type() == "text/x-shellscript"
}

rule crafted_tail_of_big_file
{
    strings:
        $rule = "rule "
    condition:
        filesize > 100MB and $rule in (filesize - 1MB .. filesize)
}

rule crafted_re_fibers
{
    strings:
        // The regex Vigil_Dropper_Reverse_Shell once had: stacked bounded gaps (error 46 on padding).
        $py_pty = /socket\.socket\s*\([^\n]{0,300}\n?[^\n]{0,300}(os\.dup2|subprocess\.call)[^\n]{0,300}\n?[^\n]{0,300}pty\.spawn\s*\(\s*['"]\/bin\/(ba)?sh/
    condition:
        $py_pty
}

rule crafted_shebang
{
    condition:
        uint16(0) == 0x2123
}
