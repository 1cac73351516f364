// Script droppers: scripts that fetch code from the network and run it, or open a
// reverse shell. Each rule requires the script's interpreter line at offset 0 so
// documentation and this rule file do not match.

rule Vigil_Dropper_Shell_Download_Execute
{
    meta:
        description = "Shell script downloading a payload and piping it to a shell or running it from a temp folder"
        vigil_action = "deny"
    strings:
        // Short strings and distances in the condition, not one regex with stacked gaps:
        // that regex verified every "/tmp" backwards through 200 bytes and took 28 s on
        // 18 MB of OpenJDK's test reports (/usr/share/doc) with 6,000 "/tmp" links a file.
        $pipe = /(curl|wget)\s[^\n|;]{0,400}\|\s*(sudo\s+)?(ba|da|z|k)?sh\b/
        $fetch = /(curl|wget)\s/
        $to_tmp = /\s['"]?(\/tmp|\/dev\/shm|\/var\/tmp)\/[^\s;&|'"]{1,64}/
        $run = /(;|&&|\n)[ \t]*(nohup[ \t]+)?(\.\/|\/tmp\/|\/dev\/shm\/|\/var\/tmp\/)[^\s;&|]{1,64}/
    condition:
        filesize < 1MB and uint16(0) == 0x2123 and
        ($pipe or
         for any i in (1..16) : (
             $to_tmp in (@fetch[i] + 5 .. @fetch[i] + 260) and $run in (@fetch[i] + 8 .. @fetch[i] + 600)))
}

rule Vigil_Dropper_Reverse_Shell
{
    meta:
        description = "Script opening an interactive reverse shell"
        vigil_action = "deny"
    strings:
        $bash_tcp = /(ba)?sh\s+-i\s+[^\n]{0,20}>&\s*\/dev\/tcp\/[0-9a-zA-Z.\-]{1,100}\/[0-9]{1,5}/
        $nc_e = /\b(nc|ncat|netcat)\s+[^\n]{0,60}-e\s+\/bin\/(ba)?sh\b/
        // Python's pty shell: a socket, its descriptor dup'ed (or handed to a subprocess),
        // then a shell spawned on a pty, within about a kilobyte. Three short strings and
        // a distance check instead of one regex: the regex with stacked gaps
        // ([^\n]{0,300}\n?[^\n]{0,300}) made libyara give up (error 46) on ordinary .pyc
        // files and on 280 bytes of "socket.socket(" padding. `vigil rules check` flags that.
        $py_socket = /socket\.socket\s*\(/
        $py_dup = /(os\.dup2|subprocess\.call)\s*\(/
        $py_pty = /pty\.spawn\s*\(\s*['"]\/bin\/(ba)?sh/
    condition:
        filesize < 1MB and uint16(0) == 0x2123 and
        ($bash_tcp or $nc_e or
         // The first few spawns only: bounds the work on a crafted file with thousands.
         for any i in (1..8) : (
             $py_socket in (@py_pty[i] - 1200 .. @py_pty[i]) and $py_dup in (@py_pty[i] - 1200 .. @py_pty[i])))
}

rule Vigil_Dropper_PowerShell_Encoded_Download
{
    meta:
        description = "PowerShell launcher with an encoded command or in-memory download cradle"
        vigil_action = "deny"
    strings:
        // The interpreter and its payload on one line: what droppers write into .bat,
        // .lnk, .hta, cron and shell scripts. Documentation that shows a cradle as a line
        // of its own in a PowerShell session (Node.js's BUILDING.md installs Boxstarter
        // that way) is not a launcher. PowerShell takes any prefix of -EncodedCommand.
        $enc = /powershell[^\r\n]{0,200}\s[-\/]e[a-z]{0,13}\s+['"]?[A-Za-z0-9+\/=]{200}/ nocase
        $cradle = /powershell[^\r\n]{0,200}IEX\s*\(\s*\(?\s*New-Object\s+(System\.)?Net\.WebClient\s*\)?\s*\.\s*DownloadString\s*\(/ nocase
    condition:
        filesize < 1MB and ($enc or $cradle) and not uint16(0) == 0x2F2F
}
