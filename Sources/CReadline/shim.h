#ifndef KGSH_CREADLINE_SHIM_H
#define KGSH_CREADLINE_SHIM_H
// GNU readline (GPL-3.0-or-later), from Debian's libreadline-dev.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
