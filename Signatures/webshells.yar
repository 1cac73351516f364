// Common web shells: PHP, JSP and ASP.NET pages that run what a request tells them.
// Every rule needs the page's own opening tag plus an execution sink fed directly from
// request input, so ordinary application code (which sanitises and routes input) does
// not match, and neither does this rule file (it holds no page opening tag).

rule Vigil_Webshell_PHP_Request_Eval
{
    meta:
        description = "PHP page evaluating or executing request input"
        vigil_action = "deny"
    strings:
        $open = /<\?php/ nocase
        $short = /<\?(\s|=)/
        $sink_input = /\b(eval|assert|system|shell_exec|passthru|exec|popen|proc_open|pcntl_exec|create_function)\s*\(\s*(@\s*)?(base64_decode|gzinflate|gzuncompress|str_rot13|hex2bin|stripslashes|urldecode)?\s*\(?\s*\$_(GET|POST|REQUEST|COOKIE|SERVER)\s*\[/ nocase
        $sink_backtick = /`\s*\$_(GET|POST|REQUEST|COOKIE)\s*\[[^\]]{1,40}\]\s*`/
        $preg_e = /preg_replace\s*\(\s*['"][^'"]{0,100}\/e['"]\s*,\s*\$_(GET|POST|REQUEST|COOKIE)/ nocase
    condition:
        filesize < 2MB and ($open or $short) and ($sink_input or $sink_backtick or $preg_e)
}

rule Vigil_Webshell_PHP_Obfuscated_Loader
{
    meta:
        description = "PHP page decoding and evaluating a large embedded blob"
        vigil_action = "deny"
    strings:
        $open = /<\?php/ nocase
        $loader = /\beval\s*\(\s*(gzinflate|gzuncompress|gzdecode|str_rot13|strrev)?\s*\(?\s*base64_decode\s*\(\s*['"][A-Za-z0-9+\/=]{400,}/ nocase
    condition:
        filesize < 5MB and $open and $loader
}

rule Vigil_Webshell_Known_Families
{
    meta:
        description = "Markers of widespread PHP web shell families (c99, r57, WSO, b374k)"
        vigil_action = "deny"
    strings:
        $open = /<\?php/ nocase
        $c99 = "c99shell" nocase
        $r57 = "r57shell" nocase
        $wso = /WSO\s+[0-9.]+\s*<\/title>/ nocase
        $b374k = "b374k" nocase
        $fm = "FilesMan" fullword
    condition:
        filesize < 5MB and $open and 2 of ($c99, $r57, $wso, $b374k, $fm)
}

rule Vigil_Webshell_JSP_Runtime_Exec
{
    meta:
        description = "JSP page passing a request parameter to Runtime.exec"
        vigil_action = "deny"
    strings:
        $page = /<%/
        $exec = /Runtime\s*\.\s*getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(\s*request\s*\.\s*getParameter\s*\(/
    condition:
        filesize < 2MB and $page and $exec
}

rule Vigil_Webshell_ASPX_Process_Start
{
    meta:
        description = "ASP.NET page starting a process from request input"
        vigil_action = "deny"
    strings:
        $page = /<%@\s*Page/ nocase
        $proc = /Process\s*\.\s*Start\s*\([^)]{0,200}Request\s*(\.\s*(Form|QueryString|Params))?\s*\[/ nocase
    condition:
        filesize < 2MB and $page and $proc
}
