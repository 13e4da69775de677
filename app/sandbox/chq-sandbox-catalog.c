/* chq-sandbox-catalog.c: the sandbox's course catalogue: the demo courses, the generator,
 * and what changes a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalogue is fixed but dated from the server's today, so that sessions are always
 * ahead. Its texts are in French, like the real one. Every change of a course gives it a
 * new sequence number of "course", which orders the delta feed (chq-sandbox-courses.c).
 */
#define G_LOG_DOMAIN "chq-sandbox-demo"

#include "config.h"

#include <string.h>

#include "chq-sandbox-private.h"

typedef struct {
  const char *name;
  const char *postcode;
  const char *province;
} City;

static const City cities[] = {
  { "Liège", "4000", "liege" },
  { "Namur", "5000", "namur" },
  { "Charleroi", "6000", "hainaut" },
  { "Mons", "7000", "hainaut" },
  { "Louvain-la-Neuve", "1348", "brabant_wallon" },
  { "Wavre", "1300", "brabant_wallon" },
  { "Arlon", "6700", "luxembourg" },
  { "Tournai", "7500", "hainaut" },
  { "Verviers", "4800", "liege" },
  { "Nivelles", "1400", "brabant_wallon" },
  { "Marche-en-Famenne", "6900", "luxembourg" },
  { "Huy", "4500", "liege" },
  { "La Louvière", "7100", "hainaut" },
  { "Dinant", "5500", "namur" },
  { "Gembloux", "5030", "namur" },
  { "Libramont", "6800", "luxembourg" },
  { "Mouscron", "7700", "hainaut" },
  { "Seraing", "4100", "liege" },
};

typedef struct {
  const char *id;
  const char *name;
  const char *approval;
} Provider;

static const Provider providers[] = {
  { "prv-01", "Hainaut Digital Academy", "AGR-2018-0233" },
  { "prv-02", "Centre de compétence Sambre Numérique", "AGR-2017-0158" },
  { "prv-03", "Meuse Numérique Formation", "AGR-2019-0412" },
  { "prv-04", "Ardenne Management School", "AGR-2016-0097" },
  { "prv-05", "Juris Wallonie Académie", "AGR-2021-0587" },
  { "prv-06", "Brabant Data & IA", "AGR-2022-0641" },
  { "prv-07", "Langues Vivantes Namur", "AGR-2015-0064" },
  { "prv-08", "Éco-Transition Formation", "AGR-2020-0509" },
  { "prv-09", "Prévention & Sécurité Wallonie", "AGR-2014-0031" },
  { "prv-10", "Picardie Compétences", "AGR-2019-0377" },
};

/* One catalogue entry. cities: names joined by ','; empty for a distance course. */
typedef struct {
  const char *id;
  const char *title;
  const char *summary;
  const char *programme;
  int         provider;   /* index in providers[] */
  const char *type;
  int         hours;
  int         price_cents;
  const char *themes;
  const char *format;
  const char *languages;
  const char *cities;
} DemoCourse;

static const DemoCourse ai_courses[] = {
  { "crs-ai-0001", "Prompt engineering : bien dialoguer avec les assistants d'IA",
    "Une journée pour apprendre à formuler des consignes précises et obtenir des réponses "
    "fiables des assistants d'IA générative.",
    "anatomie d'un bon prompt ; rôle, contexte et format attendu ; itérer et vérifier ; "
    "bibliothèque de prompts pour l'entreprise ; limites et hallucinations",
    0, "cf", 7, 19500, "ai_productivity", "in_person", "fr", "Charleroi,Mons" },
  { "crs-ai-0002", "Automatiser ses tâches de bureau avec Copilot et les macros intelligentes",
    "Gagner du temps dans Word, Excel et Outlook grâce aux fonctions d'IA intégrées à la "
    "suite bureautique.",
    "Copilot dans Word et Outlook ; formules et analyses assistées dans Excel ; "
    "automatisation de flux simples ; bonnes pratiques de relecture",
    1, "cf", 14, 46200, "ai_productivity,it", "in_person", "fr", "Charleroi" },
  { "crs-ai-0003", "ChatGPT et Copilot pour la communication commerciale",
    "Rédiger plus vite des offres, des courriels et des publications avec l'aide de l'IA, "
    "sans perdre le ton de l'entreprise.",
    "rédaction d'offres et de relances ; adaptation du ton ; publications pour les réseaux "
    "sociaux ; relecture et vérification des faits",
    2, "cf", 7, 21000, "ai_productivity,ai_marketing_finance", "in_person", "fr", "Liège" },
  { "crs-ai-0004", "Manager une équipe à l'heure de l'IA",
    "Accompagner le changement quand les outils d'IA arrivent dans l'équipe : rôles, "
    "compétences, communication.",
    "impacts de l'IA sur les métiers ; conduite du changement ; charte d'usage ; "
    "communication interne ; entretiens et montée en compétences",
    3, "cf", 14, 39200, "ai_management,management", "in_person", "fr",
    "Marche-en-Famenne,Arlon" },
  { "crs-ai-0005", "Communiquer et décider avec des tableaux de bord augmentés par l'IA",
    "Utiliser l'IA pour synthétiser l'information et préparer des décisions étayées.",
    "synthèse automatique de rapports ; tableaux de bord et indicateurs ; détection de "
    "tendances ; présentation des résultats à la direction",
    5, "cf", 7, 23800, "ai_management", "blended", "fr", "Wavre" },
  { "crs-ai-0006", "L'IA dans les réunions : comptes rendus, suivi et collaboration",
    "Transcription, synthèse et suivi des actions : l'IA au service des réunions d'équipe.",
    "outils de transcription ; comptes rendus et listes d'actions ; confidentialité des "
    "échanges ; collaboration à distance",
    0, "cf", 4, 11000, "ai_management,ai_productivity", "distance", "fr", "" },
  { "crs-ai-0007", "L'IA générative au service de la productivité en PME",
    "Deux journées pour intégrer les assistants d'IA générative dans le travail de bureau : "
    "rédaction, synthèse, tableurs et courriels, en gardant la maîtrise des données.",
    "principes de fonctionnement des grands modèles de langage et leurs limites ; rédiger des "
    "consignes (prompts) efficaces ; résumer et reformuler des documents ; préparer des "
    "courriels et des comptes rendus ; analyser un tableau de données ; protéger les données "
    "de l'entreprise et de ses clients (RGPD)",
    2, "cf", 14, 49000, "ai_productivity,it", "in_person", "fr", "Liège,Namur" },
  { "crs-ai-0008", "Aspects juridiques de l'IA pour les PME : AI Act et RGPD",
    "Ce que l'AI Act européen et le RGPD imposent à une PME qui utilise ou développe un outil "
    "d'intelligence artificielle.",
    "classification des systèmes d'IA selon le risque ; obligations de transparence ; données "
    "personnelles et bases légales ; analyse d'impact ; registre des traitements",
    4, "cf", 7, 25900, "ai_legal", "in_person", "fr", "Namur" },
  { "crs-ai-0009", "Contrats, propriété intellectuelle et IA générative",
    "Qui est propriétaire d'un contenu généré ? Quelles clauses négocier avec un éditeur "
    "d'outil d'IA ?",
    "droit d'auteur et contenus générés ; licences des modèles ; clauses de confidentialité et "
    "de responsabilité ; cas pratiques de contrats",
    4, "cf", 7, 22400, "ai_legal", "in_person", "fr", "Namur,Liège" },
  { "crs-ai-0010", "Responsabilité et éthique de l'IA en entreprise",
    "Mettre en place une gouvernance de l'IA : biais, transparence, responsabilité et "
    "documentation.",
    "biais et discriminations ; explicabilité ; politique d'usage responsable ; documentation "
    "et contrôle humain ; rôle du délégué à la protection des données",
    4, "cf", 4, 12800, "ai_legal,management", "distance", "fr,nl", "" },
  { "crs-ai-0011", "Marketing digital et IA : contenus, ciblage et mesure",
    "Créer des campagnes plus efficaces avec l'IA, du brief créatif à l'analyse des résultats.",
    "génération de visuels et de textes ; segmentation et personnalisation ; référencement ; "
    "tests A/B ; mesure du retour sur investissement",
    5, "cf", 14, 44800, "ai_marketing_finance", "in_person", "fr", "Louvain-la-Neuve,Wavre" },
  { "crs-ai-0012", "Aspects juridiques de l'intelligence artificielle : AI Act, RGPD et droit d'auteur",
    "Comprendre les obligations de l'AI Act européen et du RGPD avant de déployer un outil "
    "d'IA dans son entreprise.",
    "classification des systèmes d'IA selon le risque ; obligations des fournisseurs et des "
    "utilisateurs ; données personnelles et bases légales ; propriété intellectuelle des "
    "contenus générés ; clauses contractuelles avec les éditeurs de logiciels",
    4, "cf", 10, 27500, "ai_legal", "distance", "fr,nl", "" },
  { "crs-ai-0013", "Comptabilité et finance augmentées par l'IA",
    "Automatiser l'encodage, fiabiliser les prévisions et détecter les anomalies grâce à l'IA.",
    "lecture automatique des factures ; rapprochements bancaires ; prévisions de trésorerie ; "
    "détection d'anomalies ; contrôle et piste d'audit",
    9, "cf", 14, 40600, "ai_marketing_finance", "in_person", "fr", "Tournai,Mons" },
  { "crs-ai-0014", "Analyse de données clients avec l'IA, sans programmer",
    "Exploiter ses données de vente avec des outils d'IA accessibles aux non-spécialistes.",
    "préparer et nettoyer les données ; segmentation de la clientèle ; prévision des ventes ; "
    "visualisation ; limites statistiques",
    5, "cf", 21, 56700, "ai_marketing_finance,it", "blended", "fr,en", "Louvain-la-Neuve" },
  { "crs-ai-0015", "Optimiser son infrastructure informatique avec l'IA",
    "Supervision, détection d'incidents et assistance au support : l'IA au service des "
    "équipes informatiques de PME.",
    "supervision prédictive ; analyse de journaux ; assistants pour le support ; "
    "automatisation des tickets ; sécurité des outils d'IA",
    1, "cf", 14, 47600, "ai_it_hr,it", "in_person", "fr", "Charleroi,La Louvière" },
  { "crs-ai-0016", "Recrutement et gestion des talents avec l'IA",
    "Utiliser l'IA pour rédiger des offres, trier les candidatures et planifier la formation, "
    "dans le respect de la loi.",
    "rédaction d'offres d'emploi ; présélection assistée et biais ; entretiens structurés ; "
    "plans de formation ; cadre légal et information des candidats",
    3, "cf", 7, 20300, "ai_it_hr,management", "in_person", "fr", "Arlon,Libramont" },
  { "crs-ai-0017", "Développer avec un assistant de code : GitHub Copilot et alternatives",
    "Programmer plus vite et mieux avec les assistants de code, sans sacrifier la qualité ni "
    "la sécurité.",
    "assistants de code dans l'éditeur ; génération de tests ; revue de code ; licences et "
    "sécurité ; intégration dans l'équipe",
    5, "cf", 14, 50400, "ai_it_hr,it", "distance", "en,fr", "" },
  { "crs-ai-0018", "Cybersécurité et IA : nouvelles menaces, nouvelles défenses",
    "Hameçonnage généré par IA, hypertrucages et fuites de données : se protéger et former "
    "ses collègues.",
    "panorama des menaces liées à l'IA ; reconnaître un hypertrucage ; fuite de données via "
    "les assistants ; politique d'usage ; exercices",
    1, "cf", 7, 24500, "ai_it_hr,safety", "in_person", "fr", "Mons,Tournai" },
  { "crs-ai-0019", "IA générative pour les indépendants et les très petites entreprises",
    "Des outils d'IA simples et gratuits pour gérer devis, communication et administration "
    "quand on travaille seul.",
    "devis et factures ; courriels clients ; présence en ligne ; organisation du temps ; "
    "choisir ses outils",
    9, "cf", 7, 16800, "ai_productivity", "in_person", "fr", "Tournai,Mouscron" },
  { "crs-ai-0020", "KI im Büroalltag – Einführung für KMU",
    "Eine praxisnahe Einführung in generative KI für kleine und mittlere Unternehmen.",
    "Grundlagen generativer KI ; gute Prompts ; Texte und Tabellen ; Datenschutz",
    3, "cf", 7, 21000, "ai_productivity", "in_person", "de,fr", "Verviers" },
  { "crs-ai-0021", "AI in finance teams: forecasting and reporting",
    "A hands-on course for finance teams who want to use AI tools for forecasting and "
    "reporting.",
    "forecasting with AI ; automated reporting ; anomaly detection ; controls and audit "
    "trail",
    5, "cf", 7, 26600, "ai_marketing_finance", "distance", "en", "" },
};

/* Non-AI catalogue: theme, voucher type and the rest per entry. */
static const DemoCourse other_courses[] = {
  { "crs-0101", "Néerlandais professionnel – niveau A2", "Se présenter, téléphoner et écrire des courriels simples en néerlandais.",
    "vocabulaire professionnel ; téléphone ; courriels ; réunions simples", 6, "cfl", 40, 100000, "languages", "in_person", "nl,fr", "Namur" },
  { "crs-0102", "Néerlandais professionnel – niveau B1", "Mener une conversation professionnelle et défendre un point de vue en néerlandais.",
    "argumenter ; négocier ; rédiger un rapport court ; comprendre une réunion", 6, "cfl", 40, 110000, "languages", "in_person", "nl,fr", "Namur,Wavre" },
  { "crs-0103", "Anglais des affaires – réunions et présentations", "Animer une réunion et présenter un projet en anglais avec aisance.",
    "expressions clés ; structure d'une présentation ; questions et objections ; prononciation", 6, "cfl", 30, 84000, "languages", "in_person", "en,fr", "Liège,Namur" },
  { "crs-0104", "Anglais commercial au téléphone", "Accueillir, renseigner et relancer un client anglophone par téléphone.",
    "accueil ; prise de message ; relance ; réclamations", 6, "cfl", 20, 52000, "languages", "distance", "en", "" },
  { "crs-0105", "Allemand pour l'accueil et la vente", "Les bases de l'allemand pour accueillir et servir une clientèle germanophone.",
    "salutations ; chiffres et prix ; orienter un client ; petites annonces", 6, "cfl", 30, 75000, "languages", "in_person", "de,fr", "Verviers,Arlon" },
  { "crs-0106", "Immersion linguistique en néerlandais – 5 jours", "Une semaine d'immersion complète pour débloquer l'oral en néerlandais.",
    "mises en situation ; jeux de rôle ; visites d'entreprises ; évaluation finale", 6, "cfl", 50, 145000, "languages", "in_person", "nl", "Louvain-la-Neuve" },
  { "crs-0107", "Français langue étrangère pour travailleurs", "Améliorer son français écrit et oral dans le contexte de l'entreprise.",
    "consignes de travail ; sécurité ; écrits courts ; dialogue avec les clients", 6, "cfl", 40, 92000, "languages", "in_person", "fr", "Charleroi" },
  { "crs-0108", "Rédiger des courriels en anglais", "Écrire des courriels professionnels clairs et polis en anglais.",
    "structure ; formules ; ton ; erreurs fréquentes", 6, "cfl", 12, 30000, "languages", "distance", "en,fr", "" },
  { "crs-0109", "Espagnol – premiers contacts professionnels", "Les premières phrases utiles pour travailler avec des partenaires hispanophones.",
    "se présenter ; l'entreprise ; rendez-vous ; voyages d'affaires", 6, "cfl", 30, 78000, "languages", "in_person", "fr", "Mons" },
  { "crs-0110", "Néerlandais pour le secteur de la construction", "Comprendre et se faire comprendre sur un chantier néerlandophone.",
    "vocabulaire du chantier ; consignes de sécurité ; plans ; commandes", 6, "cfl", 30, 81000, "languages,safety", "in_person", "nl,fr", "Nivelles" },
  { "crs-0201", "Réaliser le bilan carbone de son entreprise", "Mesurer les émissions de gaz à effet de serre de son activité et fixer des priorités.",
    "périmètres ; facteurs d'émission ; collecte des données ; plan d'action", 7, "eco", 14, 42000, "eco_climate", "in_person", "fr", "Namur,Gembloux" },
  { "crs-0202", "Efficacité énergétique des bâtiments tertiaires", "Réduire la consommation d'énergie des bureaux et des ateliers.",
    "audit énergétique ; chauffage et ventilation ; éclairage ; primes régionales", 7, "eco", 14, 39200, "eco_climate", "in_person", "fr", "Liège,Charleroi" },
  { "crs-0203", "Économie circulaire : repenser ses produits", "Concevoir des produits durables, réparables et recyclables.",
    "écoconception ; analyse du cycle de vie ; matériaux ; modèles d'affaires circulaires", 7, "eco", 21, 58800, "eco_climate,management", "blended", "fr", "Louvain-la-Neuve" },
  { "crs-0204", "Gestion des déchets en entreprise", "Trier, réduire et valoriser les déchets selon la réglementation wallonne.",
    "obligations légales ; tri sélectif ; filières de valorisation ; registre des déchets", 7, "eco", 7, 19600, "eco_climate", "in_person", "fr", "Mons,Tournai" },
  { "crs-0205", "Mobilité durable des travailleurs", "Construire un plan de mobilité pour les déplacements domicile-travail.",
    "diagnostic ; vélo et transports en commun ; télétravail ; flotte électrique", 7, "eco", 7, 18200, "eco_climate,management", "distance", "fr", "" },
  { "crs-0206", "Installer et entretenir des panneaux photovoltaïques", "Les bases techniques et réglementaires des installations photovoltaïques.",
    "dimensionnement ; raccordement ; sécurité électrique ; maintenance", 7, "eco", 35, 105000, "eco_climate,safety", "in_person", "fr", "Arlon,Libramont" },
  { "crs-0207", "Pompes à chaleur : principes et mise en œuvre", "Comprendre, choisir et installer une pompe à chaleur.",
    "thermodynamique ; choix de la technologie ; installation ; fluides frigorigènes", 7, "eco", 28, 86800, "eco_climate", "in_person", "fr", "Charleroi,Namur" },
  { "crs-0208", "Achats responsables et fournisseurs durables", "Intégrer des critères environnementaux et sociaux dans les achats.",
    "cahier des charges ; labels ; évaluation des fournisseurs ; coût global", 7, "eco", 7, 20300, "eco_climate,management", "in_person", "fr", "Wavre" },
  { "crs-0301", "Les fondamentaux du management d'équipe", "Prendre sa place de responsable et faire progresser son équipe.",
    "rôle du manager ; délégation ; feedback ; motivation ; gestion des conflits", 3, "cf", 21, 56700, "management", "in_person", "fr", "Marche-en-Famenne,Namur" },
  { "crs-0302", "Gestion de projet : méthodes classiques et agiles", "Planifier, suivre et livrer un projet dans les délais et le budget.",
    "cadrage ; planification ; risques ; Scrum et Kanban ; clôture", 3, "cf", 21, 63000, "management", "blended", "fr", "Liège" },
  { "crs-0303", "Gestion du temps et des priorités", "Organiser ses journées et dire non à ce qui n'est pas prioritaire.",
    "matrice des priorités ; planification ; interruptions ; outils", 9, "cf", 7, 17500, "management", "in_person", "fr", "Tournai" },
  { "crs-0304", "Négociation commerciale", "Préparer et mener une négociation avec des clients et des fournisseurs.",
    "préparation ; écoute ; concessions ; conclusion", 9, "cf", 14, 37800, "management", "in_person", "fr", "Mons,Charleroi" },
  { "crs-0305", "Lire un bilan et un compte de résultats", "Comprendre les comptes annuels de son entreprise pour mieux décider.",
    "bilan ; compte de résultats ; ratios ; trésorerie", 3, "cf", 14, 35000, "management", "in_person", "fr", "Arlon" },
  { "crs-0306", "Entretiens annuels d'évaluation", "Préparer et conduire des entretiens d'évaluation utiles.",
    "objectifs ; préparation ; conduite de l'entretien ; suivi", 3, "cf", 7, 18900, "management", "distance", "fr", "" },
  { "crs-0307", "Prise de parole en public", "Parler devant un groupe avec clarté et assurance.",
    "préparation ; voix et posture ; gestion du trac ; questions difficiles", 9, "cf", 14, 40600, "management", "in_person", "fr", "Mouscron,Tournai" },
  { "crs-0308", "Créer et développer son activité d'indépendant", "Les clés de gestion pour lancer et faire durer une activité indépendante.",
    "statut ; prix de revient ; prospection ; obligations comptables", 9, "cf", 21, 50400, "management", "in_person", "fr", "La Louvière" },
  { "crs-0309", "Service client et gestion des réclamations", "Transformer une réclamation en occasion de fidéliser.",
    "écoute active ; reformulation ; solutions ; suivi", 0, "cf", 7, 16100, "management", "in_person", "fr", "Charleroi" },
  { "crs-0310", "Leadership à distance", "Diriger une équipe en télétravail ou répartie sur plusieurs sites.",
    "rituels d'équipe ; confiance ; outils collaboratifs ; bien-être", 3, "cf", 7, 21700, "management", "distance", "fr,en", "" },
  { "crs-0401", "Excel : tableaux croisés dynamiques et graphiques", "Analyser rapidement des données avec Excel.",
    "tableaux croisés ; filtres ; graphiques ; mise en forme conditionnelle", 1, "cf", 7, 17500, "it", "in_person", "fr", "Charleroi,Mons" },
  { "crs-0402", "Excel avancé : Power Query et formules matricielles", "Automatiser la préparation de données dans Excel.",
    "Power Query ; formules avancées ; modèles de données ; automatisation", 1, "cf", 14, 39200, "it", "in_person", "fr", "Mons" },
  { "crs-0403", "Créer le site web de son entreprise", "Concevoir et publier un site vitrine avec un gestionnaire de contenu.",
    "arborescence ; WordPress ; textes et images ; référencement", 2, "cf", 21, 58800, "it", "in_person", "fr", "Liège,Huy" },
  { "crs-0404", "Cybersécurité : les bons réflexes", "Protéger les données de l'entreprise au quotidien.",
    "mots de passe ; hameçonnage ; sauvegardes ; mises à jour", 1, "cf", 4, 9600, "it,safety", "distance", "fr,nl", "" },
  { "crs-0405", "Linux pour administrateurs système", "Installer, configurer et maintenir des serveurs Linux.",
    "installation ; utilisateurs et droits ; services ; scripts ; sauvegardes", 5, "cf", 35, 112000, "it", "in_person", "fr", "Louvain-la-Neuve" },
  { "crs-0406", "Développement web avec JavaScript", "Les bases du développement d'applications web modernes.",
    "HTML et CSS ; JavaScript ; appels d'API ; déploiement", 5, "cf", 35, 98000, "it", "blended", "fr,en", "Wavre" },
  { "crs-0407", "Bases de données et SQL", "Interroger et structurer les données de l'entreprise.",
    "modèle relationnel ; requêtes SQL ; jointures ; index", 1, "cf", 14, 36400, "it", "in_person", "fr", "Charleroi" },
  { "crs-0408", "Réseaux sociaux pour les PME", "Animer une page professionnelle et mesurer ses résultats.",
    "choix des réseaux ; ligne éditoriale ; calendrier ; statistiques", 2, "cf", 7, 18200, "it", "in_person", "fr", "Namur,Dinant" },
  { "crs-0409", "Comptabilité informatisée avec un logiciel de gestion", "Tenir la comptabilité de son entreprise avec un logiciel.",
    "plan comptable ; encodage ; TVA ; clôture", 9, "cf", 21, 52500, "it,management", "in_person", "fr", "Tournai" },
  { "crs-0410", "Télétravail et outils collaboratifs", "Travailler efficacement à distance avec les bons outils.",
    "visioconférence ; partage de documents ; messagerie ; organisation", 0, "cf", 4, 9200, "it", "distance", "fr", "" },
  { "crs-0501", "Secourisme en entreprise – formation de base", "Devenir secouriste dans son entreprise selon l'arrêté royal.",
    "bilan de la victime ; réanimation ; défibrillateur ; plaies et brûlures", 8, "cf", 15, 33000, "safety", "in_person", "fr", "Liège,Namur,Charleroi" },
  { "crs-0502", "VCA – sécurité de base", "Préparer l'examen VCA de base pour travailler sur les chantiers.",
    "législation ; risques ; équipements de protection ; examen", 8, "cf", 8, 19200, "safety", "in_person", "fr", "Seraing,Huy" },
  { "crs-0503", "Conduite de chariot élévateur", "Conduire un chariot élévateur en sécurité, théorie et pratique.",
    "règles de sécurité ; stabilité ; manœuvres ; entretien quotidien", 8, "cf", 14, 44800, "safety", "in_person", "fr", "La Louvière,Mons" },
  { "crs-0504", "Prévention incendie et évacuation", "Former les équipiers de première intervention.",
    "triangle du feu ; extincteurs ; évacuation ; exercices", 8, "cf", 4, 10400, "safety", "in_person", "fr", "Wavre,Nivelles" },
  { "crs-0505", "Travail en hauteur et port du harnais", "Travailler en hauteur en respectant les règles de sécurité.",
    "analyse des risques ; échafaudages ; harnais ; sauvetage", 8, "cf", 7, 21000, "safety", "in_person", "fr", "Arlon,Marche-en-Famenne" },
  { "crs-0506", "Ergonomie au poste de travail", "Prévenir les troubles musculosquelettiques au bureau et à l'atelier.",
    "postures ; aménagement du poste ; manutention ; exercices", 8, "cf", 4, 8800, "safety", "distance", "fr", "" },
  { "crs-0507", "Conseiller en prévention – niveau 3", "La formation de base des conseillers en prévention.",
    "bien-être au travail ; analyse des risques ; accidents ; plan global de prévention", 8, "cf", 35, 94500, "safety,management", "blended", "fr", "Namur" },
  { "crs-0508", "Risques psychosociaux et bien-être au travail", "Repérer et prévenir le stress, le burn-out et le harcèlement.",
    "cadre légal ; signaux d'alerte ; personne de confiance ; plan d'action", 3, "cf", 7, 19600, "safety,management", "in_person", "fr", "Liège" },
};

/**
 * _chq_sandbox_city_info:
 * @city: a city name
 * @out_postcode: (out): its postcode
 * @out_province: (out): its province word
 *
 * Returns: %TRUE when the city is one the sandbox knows
 */
gboolean
_chq_sandbox_city_info (const char  *city,
                        const char **out_postcode,
                        const char **out_province)
{
  for (guint i = 0; i < G_N_ELEMENTS (cities); i++)
    {
      if (g_str_equal (cities[i].name, city))
        {
          *out_postcode = cities[i].postcode;
          *out_province = cities[i].province;
          return TRUE;
        }
    }

  return FALSE;
}

/* Sessions. */

static GDateTime *
at_time (GTimeZone   *tz,
         const GDate *day,
         int          hour,
         int          minute)
{
  return g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), hour, minute, 0);
}

/**
 * _chq_sandbox_skip_to_working_day:
 * @day: a valid date
 *
 * Moves @day to the next working day, if it is not one: no weekends, no training between
 * Christmas Eve and January 2.
 */
void
_chq_sandbox_skip_to_working_day (GDate *day)
{
  for (;;)
    {
      GDateWeekday weekday = g_date_get_weekday (day);
      GDateMonth month = g_date_get_month (day);
      GDateDay mday = g_date_get_day (day);

      if (weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY &&
          !(month == G_DATE_DECEMBER && mday >= 24) &&
          !(month == G_DATE_JANUARY && mday <= 2))
        return;
      g_date_add_days (day, 1);
    }
}

/* A session of @hours starting on @first (moved to a weekday): full days of 7 hours from
 * 9:00 to 17:00 on consecutive weekdays for in-person courses, weekly half days of 3.5
 * hours (13:30 to 17:00) at a distance; a course under 7 hours is one morning. */
static void
session_times (GTimeZone   *tz,
               const GDate *first,
               int          hours,
               const char  *format,
               char       **out_starts,
               char       **out_ends)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  GDate day = *first;
  GDate last;

  _chq_sandbox_skip_to_working_day (&day);
  last = day;

  if (g_str_equal (format, "distance"))
    {
      int n = (hours * 2 + 6) / 7;  /* half days of 3.5 hours, rounded up */

      g_date_add_days (&last, 7 * (MAX (n, 1) - 1));
      starts = at_time (tz, &day, 13, 30);
      ends = at_time (tz, &last, 17, 0);
    }
  else if (hours < 7)
    {
      starts = at_time (tz, &day, 9, 0);
      ends = at_time (tz, &day, 9 + hours, 0);
    }
  else
    {
      int n = (hours + 6) / 7;

      for (int i = 1; i < n; i++)
        {
          g_date_add_days (&last, 1);
          _chq_sandbox_skip_to_working_day (&last);
        }
      starts = at_time (tz, &day, 9, 0);
      ends = at_time (tz, &last, 17, 0);
    }

  *out_starts = _chq_sandbox_format_time (starts);
  *out_ends = _chq_sandbox_format_time (ends);
}

/**
 * _chq_sandbox_seeder_init:
 * @seeder: a seeder to set up
 * @db: the database
 * @now: the server clock
 *
 * Sets up what inserting courses and history needs: the time zone, today and now.
 */
void
_chq_sandbox_seeder_init (ChqSandboxSeeder *seeder,
                          ChqSandboxDb     *db,
                          GDateTime        *now)
{
  seeder->db = db;
  seeder->tz = _chq_sandbox_time_zone ();
  g_date_clear (&seeder->today, 1);
  g_date_set_dmy (&seeder->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  seeder->updated_at = _chq_sandbox_format_time (now);
}

/**
 * _chq_sandbox_seeder_clear:
 * @seeder: a seeder
 *
 * Frees what _chq_sandbox_seeder_init() set up.
 */
void
_chq_sandbox_seeder_clear (ChqSandboxSeeder *seeder)
{
  g_clear_pointer (&seeder->tz, g_time_zone_unref);
  g_clear_pointer (&seeder->updated_at, g_free);
}

static void
ensure_providers (ChqSandboxDb *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    chq_sandbox_db_run (db,
                        "INSERT OR IGNORE INTO providers (id, name, approval_number) "
                        "VALUES (?1, ?2, ?3)",
                        "sss", providers[i].id, providers[i].name, providers[i].approval);
}

/* Inserts a course and @n_sessions sessions over the six months after today. */
static void
insert_course (ChqSandboxSeeder *seeder,
               const DemoCourse *course,
               guint             module_number,
               guint             n_sessions,
               GRand            *rand)
{
  const Provider *provider = &providers[course->provider];
  g_autofree char *description = NULL;
  g_autofree char *module = NULL;
  g_auto(GStrv) course_cities = g_strsplit (course->cities, ",", -1);
  guint n_cities = g_strv_length (course_cities);
  gboolean ai = strstr (course->themes, "ai_") != NULL;
  /* Session ids carry the course's number: crs-ai-0007 has ses-0007-01, ... */
  const char *suffix = course->id + (g_str_has_prefix (course->id, "crs-ai-") ? strlen ("crs-ai-")
                                                                               : strlen ("crs-"));

  description = g_strdup_printf ("%s\n\nAu programme : %s.\n\n%s", course->summary,
                                 course->programme,
                                 g_str_equal (course->format, "distance")
                                 ? "Formation à distance en classe virtuelle ; le lien de "
                                   "connexion est envoyé une semaine avant la première séance."
                                 : "Formation en petit groupe, avec des exercices sur les cas "
                                   "des participants. Une attestation de participation est "
                                   "remise à la fin.");
  module = g_strdup_printf ("MOD-%s-%04u", provider->approval + strlen ("AGR-2019-"),
                           module_number);

  chq_sandbox_db_run (seeder->db,
                      "INSERT INTO courses (id, seq, title, summary, description, provider_id, "
                      "module_approval, voucher_type, hours, price_cents, themes, ai, format, "
                      "languages, cities, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                      "?16)",
                      "sIssssssiisissss",
                      course->id, chq_sandbox_db_next_seq (seeder->db, "course"), course->title,
                      course->summary, description, provider->id, module, course->type,
                      course->hours, course->price_cents, course->themes, ai, course->format,
                      course->languages, course->cities, seeder->updated_at);

  for (guint i = 0; i < n_sessions; i++)
    {
      g_autofree char *session_id = g_strdup_printf ("ses-%s-%02u", suffix, i + 1);
      g_autofree char *starts = NULL;
      g_autofree char *ends = NULL;
      const char *city = NULL;
      GDate first = seeder->today;

      g_date_add_days (&first, 7 + i * (150 / n_sessions) + g_rand_int_range (rand, 0, 28));
      session_times (seeder->tz, &first, course->hours, course->format, &starts, &ends);

      if (!g_str_equal (course->format, "distance") && n_cities > 0)
        city = course_cities[g_str_equal (course->format, "blended") ? 0 : i % n_cities];

      chq_sandbox_db_run (seeder->db,
                          "INSERT INTO course_sessions (id, course_id, starts_at, ends_at, city, "
                          "seats_left) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          "sssssi", session_id, course->id, starts, ends, city,
                          4 + g_rand_int_range (rand, 0, 13));
    }
}

static void
seed_catalogue (ChqSandboxSeeder *seeder)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  guint per_provider[G_N_ELEMENTS (providers)] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (ai_courses); i++)
    insert_course (seeder, &ai_courses[i], ++per_provider[ai_courses[i].provider] + 20,
                   2 + g_rand_int_range (rand, 0, 2), rand);

  for (guint i = 0; i < G_N_ELEMENTS (other_courses); i++)
    insert_course (seeder, &other_courses[i], ++per_provider[other_courses[i].provider],
                   1 + g_rand_int_range (rand, 0, 3), rand);
}

/* The generator: varied, deterministic by seed. */

static const char * const generated_subjects[][2] = {
  /* { subject, theme } */
  { "L'IA générative pour", "ai_productivity" },
  { "Automatiser avec l'IA :", "ai_productivity" },
  { "Piloter une équipe avec l'IA :", "ai_management" },
  { "Cadre juridique de l'IA :", "ai_legal" },
  { "Marketing et IA :", "ai_marketing_finance" },
  { "Finance augmentée par l'IA :", "ai_marketing_finance" },
  { "IA et ressources humaines :", "ai_it_hr" },
  { "IA pour les équipes informatiques :", "ai_it_hr" },
  { "Néerlandais professionnel :", "languages" },
  { "Anglais des affaires :", "languages" },
  { "Transition énergétique :", "eco_climate" },
  { "Économie circulaire :", "eco_climate" },
  { "Management :", "management" },
  { "Gestion d'entreprise :", "management" },
  { "Bureautique :", "it" },
  { "Développement logiciel :", "it" },
  { "Sécurité au travail :", "safety" },
  { "Prévention :", "safety" },
};

static const char * const generated_topics[] = {
  "les fondamentaux", "perfectionnement", "cas pratiques en PME", "mise en œuvre pas à pas",
  "outils et méthodes", "atelier intensif", "les bonnes pratiques", "pour débutants",
  "niveau avancé", "pour les indépendants", "dans le secteur de la construction",
  "dans le commerce de détail", "dans l'industrie", "dans l'horeca", "dans le transport",
  "dans les soins de santé", "et qualité", "et relation client", "et organisation du travail",
  "et communication",
};

static const int generated_hours[] = { 4, 7, 7, 10, 14, 14, 21, 28, 35 };
static const char * const generated_formats[] = { "in_person", "in_person", "distance", "blended" };
static const char * const generated_languages[] = { "fr", "fr", "fr", "fr,nl", "fr,en", "nl", "en", "de,fr" };

static void
generate_courses (ChqSandboxSeeder *seeder,
                  guint    n_courses,
                  guint64  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) (seed ^ (seed >> 32)));
  guint first = (guint) chq_sandbox_db_query_int (seeder->db, 0,
                                                   "SELECT count(*) FROM courses "
                                                   "WHERE id LIKE 'crs-g-%'",
                                                   NULL);

  for (guint n = 0; n < n_courses; n++)
    {
      guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_subjects));
      const char *theme = generated_subjects[s][1];
      const char *topic = generated_topics[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_topics))];
      int hours = generated_hours[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_hours))];
      const char *format = generated_formats[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_formats))];
      const char *city_a = cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))].name;
      const char *city_b = cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))].name;
      g_autofree char *id = g_strdup_printf ("crs-g-%06u", first + n + 1);
      g_autofree char *title = g_strdup_printf ("%s %s (module %u)", generated_subjects[s][0],
                                                topic, first + n + 1);
      g_autofree char *summary = g_strdup_printf ("Une formation de %d heures : %s, %s.", hours,
                                                  generated_subjects[s][0], topic);
      g_autofree char *course_cities = NULL;
      g_autofree char *themes = NULL;
      DemoCourse course = { 0 };

      if (g_str_equal (format, "distance"))
        course_cities = g_strdup ("");
      else if (g_str_equal (city_a, city_b) || g_rand_boolean (rand))
        course_cities = g_strdup (city_a);
      else
        course_cities = g_strconcat (city_a, ",", city_b, NULL);

      themes = g_str_has_prefix (theme, "ai_") && g_rand_boolean (rand)
               ? g_strconcat (theme, ",it", NULL) : g_strdup (theme);

      course.id = id;
      course.title = title;
      course.summary = summary;
      course.programme = "objectifs de la formation ; apports théoriques ; exercices "
                         "pratiques ; évaluation et plan d'action personnel";
      course.provider = g_rand_int_range (rand, 0, G_N_ELEMENTS (providers));
      course.type = g_str_equal (theme, "languages") ? "cfl"
                    : g_str_equal (theme, "eco_climate") ? "eco" : "cf";
      course.hours = hours;
      /* EUR 22 to 42 an hour: above and below the vouchers' EUR 30. */
      course.price_cents = hours * 100 * g_rand_int_range (rand, 22, 43);
      course.themes = themes;
      course.format = format;
      course.languages = generated_languages[g_rand_int_range (rand, 0, G_N_ELEMENTS (generated_languages))];
      course.cities = course_cities;

      insert_course (seeder, &course, 1000 + first + n, 1 + g_rand_int_range (rand, 0, 3), rand);
    }
}

/**
 * _chq_sandbox_catalog_seed:
 * @seeder: a seeder on a database whose schema was just created, in a transaction
 * @demo: whether to add the fixed catalogue
 * @n_courses: generated courses to add
 * @seed: the generator's seed
 *
 * Adds the providers, then (with @demo) the fixed catalogue of about 20 AI modules and 48
 * other courses, then @n_courses generated courses, deterministic by @seed.
 */
void
_chq_sandbox_catalog_seed (ChqSandboxSeeder *seeder,
                           gboolean          demo,
                           guint             n_courses,
                           guint64           seed)
{
  ensure_providers (seeder->db);
  if (demo)
    seed_catalogue (seeder);
  generate_courses (seeder, n_courses, seed);
}


/**
 * _chq_sandbox_catalog_add:
 * @db: the database
 * @now: the server clock
 * @title: the title
 *
 * Adds a generated-style course with that title and two sessions.
 *
 * Returns: (transfer full): its id
 */
char *
_chq_sandbox_catalog_add (ChqSandboxDb *db,
                          GDateTime    *now,
                          const char   *title)
{
  g_auto(ChqSandboxSeeder) seeder = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *id = g_strdup_printf ("crs-t-%06" G_GINT64_FORMAT,
                                         chq_sandbox_db_next_seq (db, "test-course"));
  DemoCourse course = {
    id, title, "Une formation ajoutée au catalogue.",
    "objectifs ; exercices ; évaluation", 1, "cf", 7, 21000, "ai_productivity", "in_person",
    "fr", "Namur",
  };

  _chq_sandbox_seeder_init (&seeder, db, now);
  ensure_providers (db);
  insert_course (&seeder, &course, 9000, 2, rand);

  return g_steal_pointer (&id);
}

/**
 * _chq_sandbox_catalog_rename:
 * @db: the database
 * @now: the server clock
 * @id: a course id
 * @title: the new title
 *
 * Returns: %TRUE when the course exists
 */
gboolean
_chq_sandbox_catalog_rename (ChqSandboxDb *db,
                             GDateTime    *now,
                             const char   *id,
                             const char   *title)
{
  chq_sandbox_db_run (db, "UPDATE courses SET title = ?1 WHERE id = ?2", "ss", title, id);
  if (chq_sandbox_db_changes (db) == 0)
    return FALSE;

  _chq_sandbox_catalog_touch (db, id, now);
  return TRUE;
}

/**
 * _chq_sandbox_catalog_withdraw:
 * @db: the database
 * @id: a course id
 *
 * Withdraws a course: it goes, with its sessions, and a tombstone with a new sequence
 * number tells the delta feed. Enrolments keep their copy of the course's title.
 *
 * Returns: %TRUE when the course existed
 */
gboolean
_chq_sandbox_catalog_withdraw (ChqSandboxDb *db,
                               const char   *id)
{
  if (chq_sandbox_db_query_int (db, 0, "SELECT count(*) FROM courses WHERE id = ?1", "s", id) == 0)
    return FALSE;

  chq_sandbox_db_run (db, "DELETE FROM course_sessions WHERE course_id = ?1", "s", id);
  chq_sandbox_db_run (db, "DELETE FROM courses WHERE id = ?1", "s", id);
  chq_sandbox_db_run (db, "INSERT OR REPLACE INTO course_tombstones (id, seq) VALUES (?1, ?2)",
                      "sI", id, chq_sandbox_db_next_seq (db, "course"));
  return TRUE;
}

/**
 * _chq_sandbox_catalog_touch:
 * @db: the database
 * @course_id: a course
 * @now: the server clock
 *
 * Records a change of a course (a seat taken or freed, a new title): a new sequence number
 * (the delta feed returns it again) and updated_at.
 *
 * Returns: the new sequence number
 */
gint64
_chq_sandbox_catalog_touch (ChqSandboxDb *db,
                            const char   *course_id,
                            GDateTime    *now)
{
  gint64 seq = chq_sandbox_db_next_seq (db, "course");
  g_autofree char *updated_at = _chq_sandbox_format_time (now);

  chq_sandbox_db_run (db, "UPDATE courses SET seq = ?1, updated_at = ?2 WHERE id = ?3",
                      "Iss", seq, updated_at, course_id);
  return seq;
}
