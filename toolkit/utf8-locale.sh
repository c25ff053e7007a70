# Sourced (POSIX sh) by ./editbench and by the kernel's launcher before they start Java.
#
# Java 17 reads file names in the locale's character set: in the C (POSIX) locale, which containers
# and cron jobs often run with, that is ASCII, and a path such as "données/x.jsonl" cannot even be
# named. C.UTF-8 is the same locale with UTF-8 characters. The C locale is also what a program gets
# when LANG names a locale that is not installed (the whole setting fails), so the locale as a
# whole becomes C.UTF-8; UTF-8 and other working locales are left as they are. (Jupyter's Python
# already passes LC_CTYPE=C.UTF-8 to kernels it starts in the C locale, unless LC_ALL=C overrides
# it.)
if [ "$(locale charmap 2>/dev/null)" = ANSI_X3.4-1968 ] && locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
  export LC_ALL=C.UTF-8
fi
