/* lesson_list.h: the lessons of a directory, in the lecture's order. */
#ifndef BP_LESSON_LIST_H
#define BP_LESSON_LIST_H

#include "bptrace.h"

/* One lesson file of the directory. */
typedef struct {
    char *name;     /* the file name without ".yaml" */
    char *path;     /* DIR/NAME.yaml */
    char *section;  /* the lesson's section, or NULL */
    char *title;    /* NULL when the lesson did not load */
    bp_error err;   /* why it did not load (err.status != BP_OK) */
} bp_lesson_entry;

typedef struct {
    bp_lesson_entry *entries;
    int n;
} bp_lesson_list;

/* Compare two lecture sections part by part, numerically: "3.2" < "3.10"
 * < "4" < "12".  A part's leading digits compare as a number, any rest as
 * text; a section that is a prefix of the other comes first ("3" < "3.1").
 * NULL (no section) comes after every section. */
int bp_section_compare(const char *a, const char *b);

/* Load every *.yaml file of dir (hidden files aside) and sort them by
 * section, then by name; lessons without a section (and those that failed
 * to load) come last, by name.  A lesson that fails to load does not stop
 * the listing: its entry keeps the error.  Returns BP_OK, or BP_ERR_IO when
 * dir cannot be read or BP_ERR_NOMEM, with err filled. */
bp_status bp_lesson_list_read(const char *dir, bp_lesson_list *list,
                              bp_error *err);
void bp_lesson_list_free(bp_lesson_list *list);

/* One line per lesson, columns aligned: name, section ("-" when none),
 * title or "(invalid: MESSAGE)".  Returns 0, or -1 when writing failed. */
int bp_lesson_list_write(const bp_lesson_list *list, FILE *out);

#endif
