/*
 * test_main.c - runs one registered scenario (argv[1]) or all of them.
 *   test_observer NAME    run one scenario, exit 1 if it fails
 *   test_observer --list  print the names, one a line
 *   test_observer         run all
 */
#include "harness.h"

#define MAX_TESTS 256

static struct { const char *name; test_fn fn; } tests[MAX_TESTS];
static unsigned ntests;
int tcpedu_failures;

void tcpedu_test_register(const char *name, test_fn fn)
{
    if (ntests >= MAX_TESTS) {
        fprintf(stderr, "too many tests\n");
        abort();
    }
    tests[ntests].name = name;
    tests[ntests].fn = fn;
    ntests++;
}

int main(int argc, char **argv)
{
    unsigned i, ran = 0, failed = 0;

    if (argc > 1 && strcmp(argv[1], "--list") == 0) {
        for (i = 0; i < ntests; i++)
            printf("%s\n", tests[i].name);
        return 0;
    }
    for (i = 0; i < ntests; i++) {
        int before = tcpedu_failures;
        if (argc > 1 && strcmp(argv[1], tests[i].name) != 0)
            continue;
        tests[i].fn();
        ran++;
        if (tcpedu_failures != before) {
            failed++;
            fprintf(stderr, "FAIL %s\n", tests[i].name);
        }
    }
    if (ran == 0) {
        fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "(any)");
        return 2;
    }
    printf("%u passed, %u failed\n", ran - failed, failed);
    return failed ? 1 : 0;
}
