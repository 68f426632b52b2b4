/* lms_bank.h: what an LMS question bank asks of a variant, and the range
 * of numbers each answer accepts (render/lms.h lays them out). */
#ifndef BP_LMS_BANK_H
#define BP_LMS_BANK_H

#include "render/lms.h"

/* The quantities of the kinds `kinds` (bits, as a worksheet's --blank)
 * that the worksheet leaves blank on a line of their own are asked: for
 * each, the key, the calculator's value (the exact value rounded to the
 * same decimals) and a range that holds both, but no classic mistake of
 * bp_check_mistakes where one range can keep it out (else `clash` names
 * it).  blank and answers have room for t->n.  BP_OK, or BP_ERR_NOMEM. */
bp_status bp_lms_answers(const bp_trace *t, unsigned kinds, bp_mode mode,
                         int digits, bool *blank, bp_lms_answer *answers);

#endif
