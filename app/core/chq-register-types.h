/* chq-register-types.h: the records of the training register (plain boxed structs)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the employer keeps locally for the individual training right (DOMAIN.md, "the
 * training register every employer must keep"). Plain structs with public fields: the UI
 * fills them, the register stores them, the documents read them. Dates are GDate values,
 * cleared (g_date_clear) when unknown; test with g_date_valid().
 */
#pragma once

#include <glib-object.h>

#include "chq-types.h"

G_BEGIN_DECLS

/* How a training was paid for. */
typedef enum {
  CHQ_FUNDING_OWN_BUDGET,
  CHQ_FUNDING_SECTOR_FUND,
  CHQ_FUNDING_VOUCHERS,
  CHQ_FUNDING_OTHER,
} ChqFunding;
#define CHQ_N_FUNDINGS 4

/* Where a training's record comes from. */
typedef enum {
  CHQ_TRAINING_SOURCE_REGISTER,   /* added by hand, stored in the register */
  CHQ_TRAINING_SOURCE_ENROLMENT,  /* a booking of the voucher service, attended */
} ChqTrainingSource;

/* The groups the law names for particular attention in the training plan (flags). */
typedef enum {
  CHQ_PLAN_GROUP_RISK       = 1 << 0, /* workers in risk groups */
  CHQ_PLAN_GROUP_OVER_50    = 1 << 1, /* workers aged 50 or more */
  CHQ_PLAN_GROUP_DISABILITY = 1 << 2, /* workers with a disability */
  CHQ_PLAN_GROUP_SHORTAGE   = 1 << 3, /* shortage occupations */
  CHQ_PLAN_GROUP_GENDER     = 1 << 4, /* gender balance */
} ChqPlanGroups;
#define CHQ_PLAN_GROUP_ALL 0x1f

/* Who gives an opinion on the draft plan. */
typedef enum {
  CHQ_PLAN_BODY_WORKS_COUNCIL,
  CHQ_PLAN_BODY_UNION_DELEGATION,
  CHQ_PLAN_BODY_WORKERS,          /* neither: the plan goes to the workers themselves */
} ChqPlanBody;

/* API-style words for storage and CSV: "own_budget", "sector_fund", "vouchers", "other". */
const char *chq_funding_to_string     (ChqFunding     value);
gboolean    chq_funding_from_string   (const char    *text,
                                       ChqFunding    *out_value);
/* "Own budget", "Sector fund", "Training vouchers", "Other", translated. */
const char *chq_funding_get_label     (ChqFunding     value);
/* "Workers in risk groups", … translated; one flag only. */
const char *chq_plan_group_get_label  (ChqPlanGroups  group);
const char *chq_plan_body_get_label   (ChqPlanBody    body);

/* The local details of one worker. */
typedef struct {
  char     *worker_key;    /* owned: the service's worker id, or the client UUID of the
                            * outbox entry that creates the worker while it waits to be sent */
  GDate     birth_date;
  char     *birth_place;   /* owned, nullable */
  char     *address;       /* owned, nullable; may hold line breaks */
  double    work_fraction; /* in (0, 1]; 1 is full time */
  char     *jc_number;     /* owned, nullable: joint committee, "200", "124.00" */
  char     *jc_name;       /* owned, nullable */
  GDate     entry_date;    /* date of entry into service */
  GDate     leaving_date;  /* cleared while in service */
  gboolean  demo;          /* added by the demo; removed on leaving it */
} ChqWorkerDetails;

#define CHQ_TYPE_WORKER_DETAILS (chq_worker_details_get_type ())
GType             chq_worker_details_get_type (void) G_GNUC_CONST;
/* A full-time worker with nothing else known. */
ChqWorkerDetails *chq_worker_details_new      (const char              *worker_key);
ChqWorkerDetails *chq_worker_details_copy     (const ChqWorkerDetails  *details);
void              chq_worker_details_free     (ChqWorkerDetails        *details);

/* One training of one worker. */
typedef struct {
  gint64             id;            /* register row id; 0 until stored (or for enrolments) */
  ChqTrainingSource  source;
  char              *worker_key;    /* owned */
  char              *title;         /* owned */
  gboolean           internal;      /* given inside the company */
  char              *provider;      /* owned, nullable: the provider when not internal */
  gboolean           formal;        /* formal (organised, by a trainer) or informal */
  GDate              start_date;
  GDate              end_date;      /* cleared: same day as the start */
  double             hours;
  gboolean           certificate;   /* a certificate was received */
  GDate              certificate_valid_until; /* cleared: no end of validity */
  gint64             cost_cents;    /* what it cost the company; 0 when unknown or free */
  ChqFunding         funding;
  char              *enrolment_id;  /* owned, nullable: the booking, for enrolments */
  guint              vouchers_used; /* for enrolments */
  gboolean           demo;
} ChqTraining;

#define CHQ_TYPE_TRAINING (chq_training_get_type ())
GType        chq_training_get_type (void) G_GNUC_CONST;
ChqTraining *chq_training_new      (const char        *worker_key,
                                    const char        *title);
ChqTraining *chq_training_copy     (const ChqTraining *training);
void         chq_training_free     (ChqTraining       *training);
/* The calendar year the training counts in: the year of its end (or start) date; 0 when
 * it has no date. */
int          chq_training_get_year (const ChqTraining *training);

/* The company's settings for the training right; kept in the register (they are the
 * company's, not the user's, and go with its backup). */
typedef struct {
  double workforce;        /* average workforce counted as for the training right; < 0 unknown */
  guint  carry_over_years; /* unused days carried over for this many years; 0 none */
  double hours_per_day;    /* hours that make one training day */
} ChqTrainingSettings;

/* workforce unknown, no carry-over, 7.6 hours a day (38 hours a week). */
void chq_training_settings_init_default (ChqTrainingSettings *settings);

/* One step of a sector's growth path: from @year on, @days per FTE. */
typedef struct {
  int    year;
  double days;
} ChqJcStep;

/* A joint committee's rule (sector collective agreement), which replaces the default days. */
typedef struct {
  char   *number;        /* owned: "200", "124.00" */
  char   *name;          /* owned, nullable */
  double  days_per_year; /* days per FTE and year */
  GArray *growth_path;   /* owned, of ChqJcStep by year; empty when the sector has none */
} ChqJcRule;

#define CHQ_TYPE_JC_RULE (chq_jc_rule_get_type ())
GType      chq_jc_rule_get_type        (void) G_GNUC_CONST;
ChqJcRule *chq_jc_rule_new             (const char      *number,
                                        const char      *name,
                                        double           days_per_year);
ChqJcRule *chq_jc_rule_copy            (const ChqJcRule *rule);
void       chq_jc_rule_free            (ChqJcRule       *rule);
void       chq_jc_rule_add_step        (ChqJcRule       *rule,
                                        int              year,
                                        double           days);
/* The days per FTE for @year: the growth path's last step at or before @year, else
 * days_per_year. */
double     chq_jc_rule_days_for_year   (const ChqJcRule *rule,
                                        int              year);
/* "2024: 3 days, 2025: 4 days" in the interface language; NULL without a growth path. */
char      *chq_jc_rule_format_growth_path (const ChqJcRule *rule);

/* One training the plan offers. */
typedef struct {
  char     *title;         /* owned */
  gboolean  formal;
  char     *target_groups; /* owned, nullable: the workers it is for, free text */
  guint     groups;        /* ChqPlanGroups it gives attention to */
  double    hours;         /* planned hours per participant; 0 unknown */
  guint     participants;  /* planned participants; 0 unknown */
} ChqPlanItem;

#define CHQ_TYPE_PLAN_ITEM (chq_plan_item_get_type ())
GType        chq_plan_item_get_type (void) G_GNUC_CONST;
ChqPlanItem *chq_plan_item_new      (const char        *title,
                                     gboolean           formal);
ChqPlanItem *chq_plan_item_copy     (const ChqPlanItem *item);
void         chq_plan_item_free     (ChqPlanItem       *item);

/* The annual training plan of one calendar year (companies of 20 or more). */
typedef struct {
  int          year;
  GPtrArray   *items;             /* owned, of ChqPlanItem */
  char        *target_groups;     /* owned, nullable: the target groups, free text */
  char        *attention_groups;  /* owned, nullable: how the named groups get attention */
  char        *contribution;      /* owned, nullable: how it serves the training right */
  char        *notes;             /* owned, nullable */
  ChqPlanBody  body;
  GDate        meeting_date;      /* the meeting that discusses the draft */
  GDate        draft_sent_date;   /* when the draft went to the body */
  GDate        opinion_date;      /* the body's opinion (by 15 March) */
  GDate        settled_date;      /* settled (by 31 March) */
  GDate        sent_to_fps_date;  /* anonymised copy sent to the FPS */
} ChqTrainingPlan;

#define CHQ_TYPE_TRAINING_PLAN (chq_training_plan_get_type ())
GType            chq_training_plan_get_type (void) G_GNUC_CONST;
ChqTrainingPlan *chq_training_plan_new      (int                    year);
ChqTrainingPlan *chq_training_plan_copy     (const ChqTrainingPlan *plan);
void             chq_training_plan_free     (ChqTrainingPlan       *plan);
/* The legal dates of @year's plan: settled by 31 March, opinion by 15 March, the draft 15
 * days before the meeting (@meeting, or 15 March when not set), the copy to the FPS one
 * month after settling (@settled, or 31 March). Any out argument may be NULL. */
void             chq_training_plan_get_deadlines (const ChqTrainingPlan *plan,
                                                  GDate                 *out_draft_by,
                                                  GDate                 *out_opinion_by,
                                                  GDate                 *out_settled_by,
                                                  GDate                 *out_fps_by);

/* Everything the register holds, read at once. */
typedef struct {
  char                *enterprise_number; /* owned: 10 digits */
  ChqTrainingSettings  settings;
  GPtrArray           *details;    /* owned, of ChqWorkerDetails */
  GPtrArray           *trainings;  /* owned, of ChqTraining, by start date */
  GPtrArray           *jc_rules;   /* owned, of ChqJcRule, by number */
  GPtrArray           *plans;      /* owned, of ChqTrainingPlan, by year */
} ChqRegisterData;

#define CHQ_TYPE_REGISTER_DATA (chq_register_data_get_type ())
GType                   chq_register_data_get_type      (void) G_GNUC_CONST;
ChqRegisterData        *chq_register_data_new           (const char            *enterprise_number);
ChqRegisterData        *chq_register_data_copy          (const ChqRegisterData *data);
void                    chq_register_data_free          (ChqRegisterData       *data);
/* Lookups (transfer none, nullable). */
const ChqWorkerDetails *chq_register_data_find_details  (const ChqRegisterData *data,
                                                         const char            *worker_key);
const ChqJcRule        *chq_register_data_find_jc_rule  (const ChqRegisterData *data,
                                                         const char            *jc_number);
const ChqTrainingPlan  *chq_register_data_find_plan     (const ChqRegisterData *data,
                                                         int                    year);

/* What a backup file holds, said before restoring it. */
typedef struct {
  char      *enterprise_number; /* owned */
  int        schema_version;
  guint      n_workers;         /* workers with details */
  guint      n_trainings;
  guint      n_plans;
  guint      n_jc_rules;
  GDateTime *saved_at;          /* owned, nullable: when the backup was made */
} ChqRegisterSummary;

#define CHQ_TYPE_REGISTER_SUMMARY (chq_register_summary_get_type ())
GType               chq_register_summary_get_type (void) G_GNUC_CONST;
ChqRegisterSummary *chq_register_summary_copy     (const ChqRegisterSummary *summary);
void                chq_register_summary_free     (ChqRegisterSummary       *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqWorkerDetails, chq_worker_details_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqTraining, chq_training_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqJcRule, chq_jc_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqPlanItem, chq_plan_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqTrainingPlan, chq_training_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqRegisterData, chq_register_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChqRegisterSummary, chq_register_summary_free)

G_END_DECLS
