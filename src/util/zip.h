/* zip.h: a ZIP archive of stored (uncompressed) files, written to a
 * stream: what a QTI package is. */
#ifndef BP_ZIP_H
#define BP_ZIP_H

#include "bptrace/error.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    char *name;
    uint32_t crc;
    uint32_t size;
    uint32_t offset;
} bp_zip_entry;

typedef struct {
    FILE *out;
    uint32_t offset;       /* bytes written so far */
    bp_zip_entry *entries;
    int n;
    int cap;
} bp_zip;

/* The CRC-32 of ZIP (and PNG, gzip): polynomial 0xEDB88320. */
uint32_t bp_crc32(const void *data, size_t len);

void bp_zip_init(bp_zip *z, FILE *out);
/* One file, stored as it is, dated 1980-01-01 00:00 so that the same
 * files give the same archive.  BP_ERR_IO: a failed write; BP_ERR_NOMEM:
 * out of memory, or past what ZIP without its 64-bit extension holds
 * (here: 2 GiB, 65,534 files). */
bp_status bp_zip_add(bp_zip *z, const char *name, const void *data,
                     size_t len);
/* The central directory and its end; frees what z holds (BP_ERR_IO,
 * BP_ERR_NOMEM as bp_zip_add). */
bp_status bp_zip_finish(bp_zip *z);
/* Frees what z holds without finishing (after a failure). */
void bp_zip_free(bp_zip *z);

#endif
