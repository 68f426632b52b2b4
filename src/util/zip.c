/* zip.c: a ZIP archive of stored files (PKWARE APPNOTE 4.3.7, 4.4): local
 * headers and data, then the central directory and its end record.  No
 * compression: a question bank is small, and stored files need nothing
 * but a CRC. */
#include "util/zip.h"

#include <stdlib.h>
#include <string.h>

uint32_t bp_crc32(const void *data, size_t len)
{
    static uint32_t table[256];
    static int ready;
    if (!ready) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        ready = 1;
    }
    const unsigned char *p = data;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++)
        crc = table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

/* Little-endian fields, as ZIP writes every number. */
static void put16(unsigned char **p, uint32_t v)
{
    (*p)[0] = (unsigned char)(v & 0xFF);
    (*p)[1] = (unsigned char)((v >> 8) & 0xFF);
    *p += 2;
}

static void put32(unsigned char **p, uint32_t v)
{
    put16(p, v & 0xFFFF);
    put16(p, v >> 16);
}

enum {
    VERSION = 20,       /* 2.0: what every unzip reads */
    FLAG_UTF8 = 0x0800, /* bit 11: the names are UTF-8 */
    DOS_TIME = 0,       /* 00:00:00 */
    DOS_DATE = 0x21     /* 1980-01-01 */
};

void bp_zip_init(bp_zip *z, FILE *out)
{
    *z = (bp_zip){.out = out};
}

void bp_zip_free(bp_zip *z)
{
    for (int i = 0; i < z->n; i++)
        free(z->entries[i].name);
    free(z->entries);
    z->entries = NULL;
    z->n = z->cap = 0;
}

static bp_status write_all(bp_zip *z, const void *data, size_t len)
{
    if (len && fwrite(data, 1, len, z->out) != len)
        return BP_ERR_IO;
    z->offset += (uint32_t)len;
    return BP_OK;
}

bp_status bp_zip_add(bp_zip *z, const char *name, const void *data,
                     size_t len)
{
    size_t name_len = strlen(name);
    if (z->n >= 0xFFFF || name_len > 0xFFFF || len > 0x7FFFFFFF ||
        (uint64_t)z->offset + len + name_len + 30 > 0x7FFFFFFF)
        return BP_ERR_NOMEM;
    if (z->n == z->cap) {
        int cap = z->cap ? 2 * z->cap : 8;
        bp_zip_entry *e = realloc(z->entries, (size_t)cap * sizeof *e);
        if (!e)
            return BP_ERR_NOMEM;
        z->entries = e;
        z->cap = cap;
    }
    bp_zip_entry *e = &z->entries[z->n];
    if (!(e->name = malloc(name_len + 1)))
        return BP_ERR_NOMEM;
    memcpy(e->name, name, name_len + 1);
    e->crc = bp_crc32(data, len);
    e->size = (uint32_t)len;
    e->offset = z->offset;
    z->n++;
    unsigned char head[30], *p = head;
    put32(&p, 0x04034b50); /* local file header */
    put16(&p, VERSION);
    put16(&p, FLAG_UTF8);
    put16(&p, 0);          /* stored */
    put16(&p, DOS_TIME);
    put16(&p, DOS_DATE);
    put32(&p, e->crc);
    put32(&p, e->size);    /* compressed */
    put32(&p, e->size);
    put16(&p, (uint32_t)name_len);
    put16(&p, 0);          /* no extra field */
    if (write_all(z, head, sizeof head) != BP_OK ||
        write_all(z, name, name_len) != BP_OK ||
        write_all(z, data, len) != BP_OK)
        return BP_ERR_IO;
    return BP_OK;
}

bp_status bp_zip_finish(bp_zip *z)
{
    uint32_t start = z->offset;
    bp_status rc = BP_OK;
    for (int i = 0; i < z->n && rc == BP_OK; i++) {
        const bp_zip_entry *e = &z->entries[i];
        size_t name_len = strlen(e->name);
        unsigned char head[46], *p = head;
        put32(&p, 0x02014b50); /* central directory header */
        put16(&p, VERSION);    /* made by: MS-DOS, 2.0 */
        put16(&p, VERSION);
        put16(&p, FLAG_UTF8);
        put16(&p, 0);
        put16(&p, DOS_TIME);
        put16(&p, DOS_DATE);
        put32(&p, e->crc);
        put32(&p, e->size);
        put32(&p, e->size);
        put16(&p, (uint32_t)name_len);
        put16(&p, 0);          /* extra field */
        put16(&p, 0);          /* comment */
        put16(&p, 0);          /* disk */
        put16(&p, 0);          /* internal attributes */
        put32(&p, 0);          /* external attributes */
        put32(&p, e->offset);
        rc = write_all(z, head, sizeof head);
        if (rc == BP_OK)
            rc = write_all(z, e->name, name_len);
    }
    if (rc == BP_OK) {
        unsigned char end[22], *p = end;
        put32(&p, 0x06054b50); /* end of central directory */
        put16(&p, 0);
        put16(&p, 0);
        put16(&p, (uint32_t)z->n);
        put16(&p, (uint32_t)z->n);
        put32(&p, z->offset - start);
        put32(&p, start);
        put16(&p, 0);          /* no comment */
        rc = write_all(z, end, sizeof end);
    }
    bp_zip_free(z);
    return rc;
}
