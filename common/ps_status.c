#include "ps_status.h"

#include <stdarg.h>
#include <stdio.h>

ps_status ps_fail(ps_msg *msg, ps_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg->text, sizeof msg->text, fmt, ap);
    va_end(ap);
    return status;
}

ps_status ps_status_worst(ps_status a, ps_status b)
{
    return a > b ? a : b;
}
