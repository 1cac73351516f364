// LOKI-mode externals (this folder has .vigil-externals = loki), compared with yara given
// each file's LOKI values.
rule crafted_loki_exe_named_pdf
{
    condition:
        extension == ".exe" and filetype == "EXE" and filename matches /\.pdf\.exe$/
}

rule crafted_loki_gif_md5
{
    condition:
        filetype == "GIF" and md5 == "28ebd5f04fdfa5327472d2ca407ac918"
}

rule crafted_loki_folder
{
    condition:
        filepath matches /\/corpus$/ and filename matches /^ext-/ and owner != ""
}

rule crafted_loki_elf
{
    condition:
        filetype == "ELF" and extension == ""
}
