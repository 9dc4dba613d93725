/*
 * image_check DIR: runs the C image parser on the bad-image corpus written by the Java
 * snn.protocol.image.BadImageCorpus (DIR/index.txt: "NAME FIELD OFFSET" lines, FIELD "ok" for an
 * image that must parse) and checks that each refusal names the same field (indices written "[]")
 * at the same byte as the Java parser. Exit 0 when every case agrees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "snn_image.h"

static uint8_t *read_file(const char *path, uint32_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    /* a 4-byte aligned buffer, as a device reads the image in place */
    uint32_t *buf = malloc((size_t)n + 4u);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    *len = (uint32_t)n;
    return (uint8_t *)buf;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: image_check DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/index.txt", argv[1]);
    FILE *idx = fopen(path, "r");
    if (idx == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 2;
    }
    char line[512];
    int cases = 0;
    int failed = 0;
    while (fgets(line, sizeof line, idx) != NULL) {
        char name[200];
        char field[200];
        unsigned long offset;
        if (line[0] == '#' || sscanf(line, "%199s %199s %lu", name, field, &offset) != 3) {
            continue;
        }
        cases++;
        snprintf(path, sizeof path, "%s/%s.img", argv[1], name);
        uint32_t len = 0;
        uint8_t *img = read_file(path, &len);
        if (img == NULL) {
            printf("FAIL %s: cannot read %s\n", name, path);
            failed++;
            continue;
        }
        snn_model m;
        snn_image_error e;
        memset(&e, 0, sizeof e);
        int bad = snn_image_parse(img, len, 1, &m, &e) != 0;
        char got[64] = "";
        if (bad) {
            /* the name as a refusal prints it ("threshold[3]", "WEIGHTS.offset"), indices dropped */
            char full[64];
            snn_image_field(&e, full, sizeof full);
            uint32_t k = 0;
            for (const char *c = full; *c != 0 && k + 1 < sizeof got; c++) {
                got[k++] = *c;
                if (*c == '[') {
                    while (c[1] >= '0' && c[1] <= '9') {
                        c++;
                    }
                }
            }
            got[k] = 0;
        }
        if (!bad && strcmp(field, "ok") != 0) {
            printf("FAIL %s: parsed, expected field %s at byte %lu\n", name, field, offset);
            failed++;
        } else if (bad && (strcmp(field, got) != 0 || offset != e.offset)) {
            printf("FAIL %s: field %s at byte %lu, expected %s at byte %lu\n", name, got, (unsigned long)e.offset,
                   field, offset);
            failed++;
        }
        free(img);
    }
    fclose(idx);
    printf("bad images: %d cases, %d failed\n", cases, failed);
    return failed == 0 && cases > 0 ? 0 : 1;
}
