/* The host unit tests' check: counts a failure and names the file, line and what was expected. */
#ifndef SNN_TEST_EXPECT_H
#define SNN_TEST_EXPECT_H

#include <stdio.h>

static int failures;

#define EXPECT(cond, what)                                                 \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, what); \
            failures++;                                                    \
        }                                                                  \
    } while (0)

#endif
