/* manifest.c: the manifest of a roster's directory, written by
 * `bptrace worksheet --roster` and read by `bptrace check --manifest`:
 *
 *   bptrace: "0.1.0"
 *   lesson: "lesson.yaml"             # a copy, beside the manifest
 *   source: "lessons/complete-example.yaml"
 *   blank: "delta"                    # a partial worksheet's kinds
 *   reveal: "new_weight"              # (worksheet --blank, --reveal)
 *   students:
 *     "alice": {seed: 1234, worksheet: "alice.worksheet.txt",
 *               key: "alice.key.txt", answers: "alice.answers.yaml"}
 *
 * A seed is read as a whole number of 64 bits, never through a double.
 */
#include "class/class_internal.h"
#include "lesson/reader.h"
#include "bptrace/render.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A YAML double-quoted string. */
static void put_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            fprintf(out, "\\x%02X", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Kinds as worksheet --blank takes them: "delta,weight_change". */
static void put_kinds(FILE *out, const char *key, unsigned kinds)
{
    char list[512], bare[512];
    bp_worksheet_kind_list(kinds, list, sizeof list);
    size_t n = 0;
    for (const char *p = list; *p && n + 1 < sizeof bare; p++)
        if (*p != ' ')
            bare[n++] = *p;
    bare[n] = '\0';
    fprintf(out, "\n%s: ", key);
    put_quoted(out, bare);
}

bp_status bp_manifest_write(const char *lesson, const char *source,
                            const bp_sheet_kinds *sheet,
                            const bp_student *students, int n, FILE *out)
{
    fputs("# Written by bptrace for a roster of students.  Grade with:\n"
          "#   bptrace check --manifest THIS-FILE ANSWERS...\n"
          "# Each answers file names its student ('student: ID'), whose\n"
          "# seed gives the variant it is checked against.\n"
          "bptrace: \"" BP_VERSION "\"\nlesson: ", out);
    put_quoted(out, lesson);
    fputs("\nsource: ", out);
    put_quoted(out, source);
    if (sheet) { /* check --manifest grades the givens as given */
        put_kinds(out, "blank", sheet->blank);
        if (sheet->reveal)
            put_kinds(out, "reveal", sheet->reveal);
    }
    fputs("\nstudents:\n", out);
    for (int i = 0; i < n; i++) {
        const bp_student *s = &students[i];
        fputs("  ", out);
        put_quoted(out, s->id);
        fprintf(out, ": {seed: %llu, worksheet: ",
                (unsigned long long)s->seed);
        put_quoted(out, s->worksheet);
        fputs(", key: ", out);
        put_quoted(out, s->key);
        fputs(", answers: ", out);
        put_quoted(out, s->answers);
        fputs("}\n", out);
    }
    return ferror(out) ? BP_ERR_IO : BP_OK;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

static bool read_file_name(lr_loader *ld, const yr_node *node,
                           const char *what, char *buf, size_t size)
{
    if (!node)
        return true;
    return lr_read_text(ld, node, what, buf, size);
}

static bool read_student(lr_loader *ld, const yr_node *key, bp_student *s)
{
    static const lr_key keys[] = {
        {"seed", true}, {"worksheet", false}, {"key", false},
        {"answers", false}, {NULL, false},
    };
    size_t bad;
    if (key->kind != YR_SCALAR || !bp_student_id_valid(key->text, &bad))
        return lr_fail(ld, key, "'%s' is not a student id (letters, "
                                "digits, '.', '_' and '-')",
                       key->kind == YR_SCALAR ? key->text : "");
    snprintf(s->id, sizeof s->id, "%s", key->text);
    s->pos = key->pos;
    char what[BP_STUDENT_ID_MAX + 16];
    snprintf(what, sizeof what, "student '%s'", s->id);
    if (!lr_check_mapping(ld, key->value, what, keys))
        return false;
    const yr_node *seed = yr_map_get(key->value, "seed");
    if (seed->kind != YR_SCALAR || seed->quoted ||
        !bp_seed_parse(seed->text, &s->seed))
        return lr_fail(ld, seed, "'seed' must be a whole number from 0 to "
                                 "18446744073709551615, not '%s'",
                       seed->kind == YR_SCALAR ? seed->text : "");
    return read_file_name(ld, yr_map_get(key->value, "worksheet"),
                          "'worksheet'", s->worksheet, sizeof s->worksheet) &&
           read_file_name(ld, yr_map_get(key->value, "key"), "'key'", s->key,
                          sizeof s->key) &&
           read_file_name(ld, yr_map_get(key->value, "answers"), "'answers'",
                          s->answers, sizeof s->answers);
}

/* `blank:` and `reveal:`, kinds as worksheet --blank takes them. */
static bool read_kinds(lr_loader *ld, const yr_node *node, const char *what,
                       unsigned *kinds)
{
    char text[512];
    if (!lr_read_text(ld, node, what, text, sizeof text))
        return false;
    bp_error err;
    if (bp_worksheet_parse_kinds(text, kinds, &err) != BP_OK)
        return lr_fail(ld, node, "%s: %s", what, err.message);
    return true;
}

static bool read_sheet(lr_loader *ld, const yr_node *root, bp_manifest *m)
{
    const yr_node *blank = yr_map_get(root, "blank");
    const yr_node *reveal = yr_map_get(root, "reveal");
    if (!blank && reveal)
        return lr_fail(ld, reveal, "'reveal' without 'blank': the "
                                   "manifest must say what was left blank");
    if (!blank)
        return true; /* whole worksheets, or an older manifest */
    m->has_sheet = true;
    return read_kinds(ld, blank, "'blank'", &m->sheet.blank) &&
           (!reveal || read_kinds(ld, reveal, "'reveal'", &m->sheet.reveal));
}

/* The lesson's path from here: relative to the manifest's directory. */
static bool resolve_lesson(lr_loader *ld, bp_manifest *m)
{
    const char *slash = strrchr(m->file, '/');
    size_t dir = m->lesson[0] == '/' || !slash ? 0
                                               : (size_t)(slash - m->file) + 1;
    m->lesson_path = malloc(dir + strlen(m->lesson) + 1);
    if (!m->lesson_path)
        return lr_fail_nomem(ld);
    memcpy(m->lesson_path, m->file, dir);
    strcpy(m->lesson_path + dir, m->lesson);
    return true;
}

static bool read_manifest(lr_loader *ld, const yr_node *root, bp_manifest *m)
{
    static const lr_key keys[] = {
        {"bptrace", false}, {"lesson", true}, {"source", false},
        {"blank", false}, {"reveal", false}, {"students", true},
        {NULL, false},
    };
    if (!lr_check_mapping(ld, root, "the manifest", keys) ||
        !lr_read_text_alloc(ld, yr_map_get(root, "lesson"), "'lesson'",
                            &m->lesson) ||
        !resolve_lesson(ld, m))
        return false;
    const yr_node *v = yr_map_get(root, "source");
    if (v && !lr_read_text_alloc(ld, v, "'source'", &m->source))
        return false;
    if (!read_sheet(ld, root, m))
        return false;
    const yr_node *students = yr_map_get(root, "students");
    if (students->kind == YR_MAPPING && students->count == 0)
        return lr_fail(ld, students, "'students' names no student");
    if (students->kind != YR_MAPPING)
        return lr_fail(ld, students, "'students' must map each student id "
                                     "to its seed and files, not %s",
                       lr_describe(students));
    m->students = calloc(students->count, sizeof *m->students);
    if (!m->students)
        return lr_fail_nomem(ld);
    for (const yr_node *key = students->first; key; key = key->next) {
        if (!read_student(ld, key, &m->students[m->n]))
            return false;
        m->n++;
    }
    return true;
}

bp_manifest *bp_manifest_load(const char *path, bp_error *err)
{
    bp_error local;
    if (!err)
        err = &local;
    char *data = NULL;
    size_t len = 0;
    if (!lr_read_file(path, "the manifest", &data, &len, err))
        return NULL;
    yr_document *doc = yr_read_file(path, "the manifest", data, len, err);
    bp_manifest *m = doc ? calloc(1, sizeof *m) : NULL;
    lr_loader ld = {.name = path, .err = err};
    bool ok = doc && (m || lr_fail_nomem(&ld)) &&
              ((m->file = strdup(path)) || lr_fail_nomem(&ld)) &&
              read_manifest(&ld, yr_root(doc), m);
    yr_free(doc);
    if (!ok) {
        lr_make_one_line(err->message);
        yr_fill_source_line(err, data, len);
        bp_manifest_free(m);
        m = NULL;
    }
    free(data);
    return m;
}

const bp_sheet_kinds *bp_manifest_sheet(const bp_manifest *m)
{
    return m->has_sheet ? &m->sheet : NULL;
}

const bp_student *bp_manifest_find(const bp_manifest *m, const char *id)
{
    for (int i = 0; i < m->n; i++)
        if (strcasecmp(m->students[i].id, id) == 0)
            return &m->students[i];
    return NULL;
}

const char *bp_manifest_lesson(const bp_manifest *m)
{
    return m->lesson_path;
}

int bp_manifest_count(const bp_manifest *m)
{
    return m->n;
}

const bp_student *bp_manifest_student(const bp_manifest *m, int i)
{
    return i >= 0 && i < m->n ? &m->students[i] : NULL;
}

void bp_manifest_free(bp_manifest *m)
{
    if (!m)
        return;
    free(m->file);
    free(m->lesson);
    free(m->lesson_path);
    free(m->source);
    free(m->students);
    free(m);
}
