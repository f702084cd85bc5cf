#ifndef KGSH_CREADLINE_SHIM_H
#define KGSH_CREADLINE_SHIM_H
// GNU readline (GPL-3.0-or-later), from Debian's libreadline-dev.
// Readline's settings are mutable C globals, which Swift 6's strict concurrency refuses to touch
// directly; these functions are the only way kgsh reads or writes them.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/// Names the program for ~/.inputrc, installs the completion and display hooks, sets the word
/// breaks, and leaves SIGINT to kgsh's own handler.
static inline void kgsh_rl_setup(rl_completion_func_t *complete, rl_compdisp_func_t *display,
                                 rl_cpvfunc_t *word_breaks) {
    rl_readline_name = "kgsh";
    rl_completer_word_break_characters = " \t\n(){},;=<>!|^/";
    rl_completion_word_break_hook = word_breaks;
    rl_attempted_completion_function = complete;
    rl_completion_display_matches_hook = display;
    rl_catch_signals = 0;
}

/// The cursor's offset in the line being edited (bytes).
static inline int kgsh_rl_point(void) { return rl_point; }

/// Stops readline from falling back to file-name completion.
static inline void kgsh_rl_completion_over(void) { rl_attempted_completion_over = 1; }

/// The line being edited.
static inline const char *kgsh_rl_line_buffer(void) { return rl_line_buffer; }

/// The character appended after a single completion (0 for none).
static inline void kgsh_rl_append_character(int c) { rl_completion_append_character = c; }

#endif
