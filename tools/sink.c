/*
** sink.c -- where a command's output goes, and whether it got there.
**
** Standard output, or -o FILE: written to a temporary file beside FILE
** (same folder, so the rename cannot cross file systems) and renamed over
** it only once every byte is written and the file closed, so an error
** never leaves a half-written FILE nor clobbers the old one.  Every write
** error -- a full disk (/dev/full), a closed standard output (EBADF) --
** ends in a message and exit status 2.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int stdout_closed;

/* A standard stream closed at start-up would hand its descriptor to the
** next file opened, and output meant for standard output would land in
** it: hold 0, 1 and 2 with /dev/null, and remember that 1 was closed. */
void sink_startup(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        if (fd == STDOUT_FILENO)
            stdout_closed = 1;
        int nul = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (nul >= 0 && nul != fd) {
            dup2(nul, fd);
            close(nul);
        }
    }
}

int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return 1;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int sink_open(sink *s, const cli *c)
{
    const char *path = c->output;
    size_t n;
    int fd;
    mode_t mask;
    memset(s, 0, sizeof *s);
    if (path == NULL || strcmp(path, "-") == 0) {
        if (stdout_closed) {
            cli_error("cannot write standard output: %s (it is closed)", strerror(EBADF));
            return EXIT_USAGE;
        }
        s->f = stdout;
        return 0;
    }
    for (int i = 0; i < c->nfiles; i++)
        if (strcmp(c->files[i], "-") != 0 && same_file(path, c->files[i])) {
            cli_error("-o %s: that is an input file; refusing to overwrite it", path);
            return EXIT_USAGE;
        }
    n = strlen(path);
    if ((s->path = malloc(n + 1)) == NULL || (s->tmp = malloc(n + 16)) == NULL) {
        free(s->path);
        s->path = NULL;
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    memcpy(s->path, path, n + 1);
    snprintf(s->tmp, n + 16, "%s.tmp.XXXXXX", path);
    if ((fd = mkstemp(s->tmp)) < 0) {
        cli_error("-o %s: cannot create a file beside it: %s", path, strerror(errno));
        free(s->path);
        free(s->tmp);
        memset(s, 0, sizeof *s);
        return EXIT_USAGE;
    }
    /* mkstemp makes 0600; give the file the mode a new file would get. */
    mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    if ((s->f = fdopen(fd, "w")) == NULL) {
        cli_error("-o %s: %s", path, strerror(errno));
        close(fd);
        unlink(s->tmp);
        free(s->path);
        free(s->tmp);
        memset(s, 0, sizeof *s);
        return EXIT_USAGE;
    }
    return 0;
}

/* Why writing to fd failed, when stdio kept no errno: a write that fails
** while a full buffer is flushed in the middle of the output sets errno
** then, but later calls may not, and glibc drops the buffer, so the
** final fflush has nothing to write and reports nothing.  The output is
** already incomplete (and reported so), so one more byte written straight
** to the descriptor does no harm and tells the cause (ENOSPC, EIO, ...). */
static int write_error_cause(int fd)
{
    errno = 0;
    if (write(fd, "\n", 1) < 0 && errno != 0)
        return errno;
    return EIO;
}

int sink_close(sink *s, int rc)
{
    const char *what = s->path ? s->path : "standard output";
    int err = 0;
    if (s->f == NULL)
        return rc;
    if (sb_any_oom()) {
        cli_error("out of memory: output incomplete");
        err = ENOMEM;
    }
    errno = 0;
    if ((fflush(s->f) != 0 || ferror(s->f)) && err == 0)
        err = errno ? errno : write_error_cause(fileno(s->f));
    if (s->path != NULL && err == 0 && fsync(fileno(s->f)) != 0 && errno != EINVAL)
        err = errno;
    if (fclose(s->f) != 0 && err == 0)
        err = errno ? errno : EIO;
    s->f = NULL;
    if (err != 0 && err != ENOMEM)
        cli_error("cannot write %s: %s", what, strerror(err));
    if (s->path != NULL) {
        if (err == 0 && rc != EXIT_USAGE) {
            if (rename(s->tmp, s->path) != 0) {
                cli_error("cannot write %s: %s", s->path, strerror(errno));
                err = errno ? errno : EIO;
                unlink(s->tmp);
            }
        } else {
            unlink(s->tmp);
        }
        free(s->path);
        free(s->tmp);
        s->path = s->tmp = NULL;
    }
    return err != 0 ? EXIT_USAGE : rc;
}
