/* report.h -- the report subcommand of the equilib program. */
#ifndef EQUILIB_REPORT_H
#define EQUILIB_REPORT_H
/* equilib report [FILE.game...] [--format text|md|tex|csv|json]: returns
** the exit status. */
int cmd_report(int argc, char **argv);
#endif
