# Les mots des pages web, en français. Chaque clé est aussi dans en/pages.ftl (un test le
# vérifie) ; les arguments s'écrivent { $nom }.

## Le cadre de chaque page
site = Site
main-menu = Menu principal
home = Accueil
footer-label = À propos de ce logiciel
footer = Propulsé par Solidarity, logiciel libre sous licence AGPL-3.0 ou ultérieure.

## Comptes
sign-in = Se connecter
sign-up = Créer un compte
sign-out = Se déconnecter
handle = Identifiant
password = Mot de passe
no-account-yet = Pas encore de compte ?
handle-help = Lettres, chiffres et tirets bas. Ailleurs, on vous trouve à @identifiant@{ $domain }.
display-name = Nom affiché
password-help = Au moins 8 caractères.
password-again = Mot de passe, encore
create-account = Créer mon compte
have-account = Déjà un compte ?
signup-closed = Cette instance n'ouvre pas de comptes. Un·e administrateur·ice peut créer le vôtre.
your-account = Votre compte
you-are = Votre adresse dans le fédivers :
where-signed-in = Où vous êtes connecté·e
this-browser = ce navigateur
signed-in-at = connecté·e le { $at }
last-used-at = dernière utilisation le { $at }
sign-out-everywhere = Se déconnecter partout

## Accueil et profils
find-us = Retrouvez-nous dans le fédivers à { $domain }.
organization = Organisation
follow-from-anywhere = Suivez depuis n'importe quel serveur du fédivers en cherchant { $acct }.
atom-feed = Flux Atom
calendar = Agenda (iCalendar)
upcoming-events = Événements à venir
no-upcoming-events = Aucun événement à venir.
people-going = { $count ->
    [one] 1 personne y va
   *[other] { $count } personnes y vont
}
actions = Actions
no-actions = Pas encore d'action.
campaigns = Campagnes
no-campaigns = Pas encore de campagne.

## Actions
by = Par
counted-thanks = Merci : vous êtes compté·e.
counted-withdraw = Vous pouvez revenir sur cette page pour vous retirer.
progress = Avancement
by-coop = Par coopérative
until = Jusqu'au
addressed-to = Adressée à : { $targets }
you-took-part = Vous avez participé le { $at },
you-said = en disant « { $comment } ».
withdraw = Me retirer
action-closed = Cette action ne prend plus de participations.
name-for-organizers = Votre nom, tel que les organisateur·ices le voient
word-to-organizers = Un mot aux organisateur·ices (facultatif)
consent-to-contact = @{ $organization } peut me contacter au sujet de cette action
sign-in-to-take-part = Connectez-vous pour participer,
or-take-part-by-poll = ou participez depuis votre propre compte du fédivers : répondez au sondage que @{ $organization } a envoyé pour cette action.

## Événements
hosted-by = Organisé par
event-cancelled = Cet événement est annulé.
when = Quand
where = Où
map = carte
online = En ligne
going = Participant·es
maybe-count = { $count } peut-être
places-left = { $count ->
    [one] 1 place restante
   *[other] { $count } places restantes
}
add-to-calendar = Ajouter les événements de @{ $organization } à votre agenda (iCalendar)
add-event-to-calendar = Ajouter cet événement à votre agenda (iCalendar)
your-time-zone = Votre fuseau horaire
time-zone-help = Comme Europe/Paris ou America/Montreal : les heures y sont aussi montrées.
time-zone-unknown = Fuseau inconnu : écrivez-le comme Europe/Paris.
show-in-zone = Montrer les heures dans mon fuseau
answer-elsewhere = Répondre depuis votre serveur
will-you-come = Viendrez-vous ?
sign-up-elsewhere = S'inscrire sur le site des organisateur·ices
no-answers-here = Cet événement ne prend pas de réponses ici.
your-answer = Votre réponse
answer-going = J'y vais
answer-maybe = Peut-être
answer-declined = Je ne peux pas
answer-withdraw = Retirer ma réponse
send-answer = Envoyer ma réponse
sign-in-to-answer = Connectez-vous pour répondre,
or-answer-elsewhere = ou répondez depuis votre propre compte du fédivers (Mobilizon, ou le sondage dans Mastodon).
you-are-going = Vous y allez.
you-might-go = Vous irez peut-être.
you-cannot-go = Vous avez dit ne pas pouvoir venir.
you-asked-to-join = Vous avez demandé à participer ; un·e organisateur·ice vous répondra.
your-request-declined = Un·e organisateur·ice a refusé votre demande.

## Campagnes
campaign-of = Une campagne de
cohosted-by = co-organisée par
campaign-active = en cours
campaign-won = gagnée
campaign-lost = perdue
campaign-closed = close
our-demands = Nos revendications
goal = Objectif :
taking-part = Participation
campaign-participations = { $count ->
    [one] 1 participation à ses actions,
   *[other] { $count } participations à ses actions,
}
campaign-going = { $count ->
    [one] 1 personne va à ses événements.
   *[other] { $count } personnes vont à ses événements.
}
participations-per-coop = Participations par coopérative
instance = Instance
participations = Participations
actions-and-events = Actions et événements
nothing-yet = Rien pour l'instant.
shared-from-elsewhere = partagé depuis un autre serveur
updates = Nouvelles

## Écrire des actions et des événements
for-organization = Pour
new-action = Nouvelle action
edit-action = Modifier l'action
delete-action = Supprimer cette action
action-kind = Type d'action
kind-petition = Pétition
kind-letter = Lettre
kind-call = Appel téléphonique
kind-email = Courriel
kind-protest = Manifestation
kind-outreach = Porte-à-porte
kind-donation = Don
kind-other = Autre
field-title = Titre
field-description = Description courte
field-body = Texte
markdown-help = Markdown : **gras**, *italique*, [un lien](https://example.org), listes avec « - ».
preview = Aperçu
field-targets = Adressée à
targets-help = Une par ligne.
field-goal = Objectif (combien)
field-goal-unit = Compté en (signatures, appels…)
field-deadline = Date limite
field-timezone = Fuseau horaire
timezone-help = Un nom comme Europe/Paris ou America/Montreal.
field-external-url = Participer ailleurs (lien)
field-external-label = Texte de ce lien
field-status = État
status-open = Ouverte
status-closed = Close
status-won = Gagnée
status-lost = Perdue
save = Enregistrer
publish = Publier
edit = Modifier
participants = Participant·es
new-event = Nouvel événement
edit-event = Modifier l'événement
delete-event = Supprimer cet événement
field-starts = Début
field-ends = Fin
field-place-name = Lieu
field-place-address = Adresse
field-latitude = Latitude
field-longitude = Longitude
field-online-url = Salle en ligne (lien)
field-capacity = Places (vide : sans limite)
field-join-mode = Qui peut venir
join-free = Tout le monde : les réponses comptent tout de suite
join-restricted = Sur demande : un·e organisateur·ice approuve chaque réponse
join-invite = Sur invitation seulement
join-external = Inscription sur un autre site (le lien ci-dessous)
join-none = Pas de réponses ici
field-category = Catégorie
category-help = Facultatif, par exemple MOVEMENTS_POLITICS ou COMMUNITY (les catégories de Mobilizon).
event-status-confirmed = Confirmé
event-status-tentative = Provisoire
event-status-cancelled = Annulé
member-organizations = Organisations membres
no-organizations = Pas encore d'organisation.
event-pages = Pages d'événements
earlier-page = Événements précédents
later-page = Événements suivants

## Suivre d'un serveur à l'autre
follow-elsewhere = Suivre depuis votre serveur
your-address = Votre adresse dans le fédivers
your-address-help = Comme vous@votre.serveur : vous confirmerez sur votre serveur.
follow-from-home = Suivre depuis mon serveur
follow-confirm-title = Suivre ce compte ?
follow = Suivre
cancel = Annuler
following-title = Les comptes que vous suivez
following-none = Vous ne suivez encore personne ailleurs.
follow-by-address = Suivre une organisation ou une campagne d'une autre coopérative
follow-by-address-help = Son adresse, comme nom@autre.coop, ou le lien vers sa page.
find-to-follow = La trouver
follow-accepted = suivi
follow-pending = en attente de réponse
participants-of = Participant·es à { $title }
participants-csv = Contacts des personnes d'accord (CSV)
answers-csv = Réponses (CSV)
participants-none = Personne pour l'instant.
participant-consents = accepte d'être contacté·e
unnamed-browser = un navigateur qui n'a pas dit son nom
continue-explained = Votre serveur, { $host }, vous demandera de confirmer. Vous quittez ce site.
continue-to = Continuer vers { $host }
continue-only-opens = { $host } ne dit pas comment ses membres participent ailleurs : il ouvrira cette page chez lui. Suivez-y l'organisation, puis répondez à son sondage, ou connectez-vous ici.
take-part-elsewhere = Participer depuis votre serveur
take-part-from-home = Participer depuis mon serveur
answer-from-home = Répondre depuis mon serveur
sign-confirm-title = Participer à cette action ?
rsvp-confirm-title = Aller à cet événement ?
take-part-confirm = Participer

## Membres d'une organisation
members = Membres
members-of = Membres de @{ $organization }
role-owner = propriétaire
role-admin = admin
role-member = membre
field-role = Rôle
change-role = Changer le rôle
remove-member = Retirer
invite-member = Inviter quelqu'un
invite-handle = Son identifiant sur ce serveur
send-invitation = Envoyer l'invitation
invitations = Invitations
invited-as = Vous êtes invité·e comme { $role } de
accept-invitation = Accepter
decline-invitation = Refuser

## Les pages à soi
timeline = Fil
timeline-empty = Rien pour l'instant : suivez des organisations d'autres coopératives depuis leurs pages.
boosted-by = partagé par { $account }
my-events = Mes événements
my-events-none = Vous n'avez encore répondu à aucun événement.
private-calendar = Votre adresse d'agenda privée
private-calendar-help = Les applications d'agenda peuvent suivre les événements auxquels vous répondez, à une adresse privée. Qui la connaît les voit : gardez-la pour vous.
private-calendar-exists = Vous avez une adresse d'agenda privée. Elle n'est montrée qu'une fois ; faites-en une nouvelle si vous l'avez perdue (l'ancienne cesse de marcher).
private-calendar-made = Votre nouvelle adresse d'agenda privée : ajoutez-la à votre application d'agenda maintenant, elle n'est montrée qu'une fois.
private-calendar-make = Créer mon adresse d'agenda
private-calendar-new = En créer une nouvelle
private-calendar-forget = Arrêter l'adresse
my-actions = Mes actions
my-actions-none = Vous n'avez encore participé à aucune action.
participation-counted = comptée
participation-pending = en attente de l'autre serveur
participation-accepted = comptée là-bas
participation-rejected = refusée là-bas
events-elsewhere = Sur d'autres serveurs
participation-ignored = sans réponse là-bas

## Administration
administration = Administration
instance-settings = Réglages de l'instance
instance-name = Nom de l'instance
instance-description = À propos de la coopérative (page d'accueil et NodeInfo)
signup-policy = Qui peut s'inscrire
policy-closed = Personne : les administrateur·ices créent les comptes
policy-invitation = Les personnes qui ont un lien d'invitation
policy-approval = Tout le monde, après accord d'un·e administrateur·ice
policy-open = Tout le monde
settings-from-file = Le fichier de configuration donne les premières valeurs ; ce que vous enregistrez ici l'emporte.
accounts = Comptes
new-organization = Nouvelle organisation
notes = Notes
new-note = Une note pour les abonné·es de l'organisation
new-note-help = Texte simple ; les liens et retours à la ligne sont gardés. Les personnes sur Mastodon la voient dans leur fil.
post-note = Publier la note
no-notes = Pas encore de note.
org-settings-of = Réglages de @{ $organization }
org-handle = Identifiant
org-handle-help = On suit l'organisation sous @identifiant. Lettres, chiffres et tirets bas ; il ne pourra plus changer.
org-name = Nom
org-summary = À propos de l'organisation
org-owner = Première propriétaire
org-owner-help = L'identifiant d'une personne qui a un compte ici ; elle pourra ajouter les autres.
create-organization = Créer l'organisation
delete-organization = Supprimer l'organisation
delete-organization-help = Ses abonné·es sont prévenu·es et son adresse répond qu'elle n'existe plus. Supprimez d'abord ses campagnes, événements et actions.
delete-campaign = Supprimer la campagne
delete-campaign-help = Ses abonné·es sont prévenu·es, son adresse répond qu'elle n'existe plus, et ses actions et événements restent à leurs organisations.
delete = Supprimer
settings = Réglages
administrator = administrateur·ice
disabled = désactivé
enable = Réactiver
disable = Désactiver
reports = Signalements d'autres serveurs
reports-none = Aucun signalement ouvert.
report-title = Signaler une publication
report-why = Quel est le problème ?
report-help = Nos administrateur·ices le lisent et peuvent transmettre le signalement au serveur de la publication, sans votre nom.
report-send = Envoyer le signalement
report-kept = Merci : nos administrateur·ices vont regarder.
report = Signaler
sent-reports = Signalements de nos membres
sent-reports-none = Aucun signalement en attente.
forward-to = Transmettre à { $host }
set-aside = Mettre de côté
reported-by = signalé par @{ $reporter }
resolve = Traité
blocked-domains = Domaines bloqués
unblock = Lever le blocage
domain = Domaine
reason = Raison (pour mémoire)
block = Bloquer
delivery-queue = Envois vers d'autres serveurs
queue-empty = Rien n'attend d'être envoyé.
pending = En attente
failing = En échec
dead = Abandonnés
unreachable = injoignable
retry-now = Réessayer maintenant ceux en attente

## Mener des campagnes
new-campaign = Nouvelle campagne
edit-campaign = Modifier la campagne
campaign-handle = L'identifiant de la campagne
campaign-handle-help = On suit la campagne en tant que @identifiant. Lettres, chiffres et tirets bas ; il ne change plus ensuite.
campaign-goal = Ce que gagner veut dire
campaign-contribute = Ajouter à cette campagne
campaign-add-item = Une action ou un événement : son adresse, ici ou dans une autre coopérative
campaign-add-item-help = Collez le lien de sa page. Celle d'une autre organisation attend son accord.
campaign-add = Ajouter
campaign-update = Une nouvelle datée pour ses abonné·es
campaign-post-update = Publier la nouvelle
invitations-of = Ce que les campagnes demandent à @{ $organization }
campaign-invitations = Invitations de campagnes
cohosting-asked = Invitations à co-organiser une campagne
items-asked = Campagnes qui demandent à inclure vos événements et actions
nothing-asked = Aucune demande.
cohosting-yes = co-organisée
cohost-accept = La co-organiser
item-included = incluse
item-accept = Accepter l'inclusion
item-decline = Refuser
event = événement
action = action
cohost-invite = Inviter une organisation à co-organiser
cohost-invite-help = Son identifiant ici, nom@son.serveur ailleurs, ou son adresse.
cohost-send = Envoyer l'invitation
cohosts-waiting = Invitées, sans réponse pour l'instant :

## Inscription sur approbation ou invitation, nouveau mot de passe
signup-approval = Un·e administrateur·ice approuve les nouveaux comptes : vous pourrez vous connecter ensuite.
signup-waiting = Votre compte est créé. Il fonctionnera dès qu'un·e administrateur·ice l'aura approuvé.
new-password = Un nouveau mot de passe
set-password = Enregistrer mon nouveau mot de passe
link-gone = Ce lien ne fonctionne plus : demandez-en un nouveau à un·e administrateur·ice.
approve = Approuver
awaiting-approval = attend l'approbation
invitation-link = Créer un lien d'invitation
reset-link = Lien de nouveau mot de passe
link-made = Transmettez vous-même ce lien (il ne sert qu'une fois) : { $link }
api-tokens = Jetons d'API
token-once = Votre nouveau jeton, montré cette fois seulement (copiez-le maintenant) :
token-made = créé le { $at }
revoke = Révoquer
make-token = Créer un nouveau jeton

## Recherche
search = Rechercher
search-words = Mots
search-place = Lieu
search-from = Événements à partir du
search-to = Événements jusqu'au
nothing-found = Rien trouvé.
rsvp-going = y va
rsvp-maybe = peut-être
rsvp-declined = n'y va pas
rsvp-pending = demande à participer
rsvp-rejected = refusé·e
refuse = Refuser

## Ce que disent les services quand ils refusent (web/messages.rs)
problem-empty = Ce champ ne doit pas être vide.
problem-passwords-differ = Les deux mots de passe diffèrent.
problem-password-short = Le mot de passe doit avoir au moins { $value } caractères.
problem-password-long = Le mot de passe peut avoir au plus { $value } caractères.
problem-handle-empty = L'identifiant ne doit pas être vide.
problem-handle-long = Un identifiant peut avoir au plus { $value } caractères.
problem-handle-letters = Un identifiant ne peut contenir que des lettres a-z, des chiffres et _ (trouvé : { $value }).
problem-handle-reserved = L'identifiant « { $value } » est réservé à l'instance.
problem-handle-taken = L'identifiant « { $value } » est déjà pris.
problem-too-long = Ce champ peut avoir au plus { $value } caractères.
problem-length = Écrivez de 1 à { $value } caractères.
problem-sign-in-wrong = L'identifiant ou le mot de passe est faux.
problem-sign-in-too-many = Trop de tentatives de connexion ; réessayez dans { $value } secondes.
problem-awaiting-approval = Votre compte attend l'accord d'un·e administrateur·ice.
problem-disabled = Ce compte est désactivé ; demandez à un·e administrateur·ice.
problem-type-address = Écrivez votre adresse, comme vous@votre.serveur.
problem-server-silent = { $value } n'a pas répondu : vérifiez l'adresse.
problem-unknown-account = { $value } ne connaît pas ce compte : vérifiez l'adresse.
problem-managers-only = Seul·es les propriétaires et admins de « { $value } » peuvent faire cela.
problem-admins-only = Seul·es les administrateur·ices de l'instance peuvent faire cela.
problem-already-hosts = « { $value } » organise déjà la campagne.
problem-report-unknown = Seules les publications arrivées sur ce serveur peuvent être signalées.

## Pages d'erreur
error-400 = Requête incorrecte
error-401 = Non connecté·e
error-403 = Non autorisé
error-404 = Introuvable
error-409 = Conflit
error-410 = Supprimé
error-413 = Trop volumineux
error-422 = Impossible
error-429 = Trop de requêtes
error-500 = Quelque chose s'est mal passé ici
error-502 = Un autre serveur a mal répondu
error-503 = Indisponible pour l'instant
registry-title = Le registre des membres du réseau
registry-intro = Qui est membre du réseau : coopératives de plateforme, leurs organisations membres et personnes. Chaque changement est une entrée du journal public.
registry-apply = Adhérer à titre individuel
registry-log = Le journal
registry-active-members = Membres actifs
registry-growth = Membres actifs à la fin de chaque mois
registry-month = Mois
registry-no-members = Aucun membre actif pour l'instant.
registry-since = depuis
registry-apply-title = Demander à adhérer au réseau
registry-apply-intro = Toute personne ayant un compte du fédivers, Mastodon compris, peut adhérer. Saisissez votre adresse, puis confirmez depuis ce compte.
registry-apply-address = Votre adresse dans le fédivers
registry-apply-help = Par exemple nom@mastodon.social
registry-apply-send = Adhérer
registry-apply-follow = { $days ->
    [one] Pour confirmer que c'est bien vous, suivez ce compte dans la journée :
   *[other] Pour confirmer que c'est bien vous, suivez ce compte dans les { $days } jours :
}
registry-apply-from = depuis votre compte { $address }.
registry-apply-after = Votre demande entre dans le journal à l'arrivée de l'abonnement, puis les administrateurs du registre décident. Si vous suivez déjà ce compte, désabonnez-vous puis abonnez-vous à nouveau.
network-member = Membre du réseau

# Votes du réseau (/my/votes)
my-votes = Mes votes
my-votes-intro = Les propositions du réseau qui vous sont soumises, en tant que membre ou que représentant·e d'une organisation membre. Vous pouvez changer votre vote jusqu'à la clôture ; le registre compte le dernier bulletin reçu.
my-votes-none = Aucune proposition ne vous a encore été soumise.
vote-from = Soumise par { $registry }
vote-open-until = ouvert jusqu'au { $when }
vote-not-open = pas ouvert
vote-closed = clos
vote-you-voted = vous avez voté
vote-secret = Vote secret : le registre garde votre choix à part de votre nom.
vote-cast-at = Votre bulletin a été envoyé le { $when }.
vote-cast-secret = Votre choix n'est pas gardé ici ; votez de nouveau pour le changer.
vote-choose = Choisissez une option
vote-pick = Choisissez une ou plusieurs options
vote-rank = Classez les options que vous soutenez : 1 pour votre premier choix ; laissez les autres vides
vote-send = Voter
vote-change = Changer mon vote
vote-results = Résultats
vote-option = Option
vote-members = Membres
vote-roll-hash = SHA-256 de la liste électorale : { $hash }
vote-question = La proposition sur le registre

# La page d'une proposition sur le registre (/registry/proposals/ID)
proposal-kind = Type
proposal-kind-single = Un choix
proposal-kind-multiple = Plusieurs choix
proposal-kind-consent = Consentement (d'accord, abstention, pas d'accord, blocage)
proposal-kind-ranked = Classement
proposal-secret = vote secret
proposal-options = Options
proposal-open = Ouvert
proposal-roll = Liste électorale
proposal-record-date = membres au { $when }
proposal-weight = Poids
proposal-turnout = Membres ayant voté : { $counts }
proposal-how = Comment voter
proposal-how-solidarity = Les membres votent depuis leur instance Solidarity, sur sa page « Mes votes », et peuvent changer leur vote jusqu'à la clôture.
proposal-how-poll = Depuis Mastodon ou un autre serveur du fédivers, répondez au sondage que le registre vous a envoyé : votre choix est alors visible de votre serveur et du nôtre.
proposal-outcome-chosen = Choisi : { $option }
proposal-outcome-tie = Égalité : rien n'est choisi
proposal-outcome-no_quorum = Le quorum n'est pas atteint : rien n'est décidé
proposal-outcome-no_majority = Aucune option n'a atteint la majorité demandée
proposal-outcome-passed = Adoptée par consentement
proposal-outcome-blocked = Bloquée
proposal-outcome-not_agreed = Pas d'accord : pas plus de poids d'accord que de désaccord
registry-proposals = Décisions
registry-no-proposals = Aucune décision n'a encore été soumise aux membres.

# La page d'administration du registre (/admin/registry)
registry-admin = Le registre du réseau
registry-admin-intro = Chaque décision prise ici entre dans le journal publié du registre, avec sa raison.
registry-admin-applications = Demandes d'adhésion
registry-admin-no-applications = Aucune demande n'attend de décision.
registry-admin-reason = Raison (publiée)
registry-admin-approve = Accepter
registry-admin-reject = Refuser
registry-admin-members = Membres
registry-admin-suspend = Suspendre
registry-admin-restore = Rétablir
registry-admin-remove = Radier
registry-admin-propose = Soumettre une décision aux membres
registry-admin-question = Question
registry-admin-text = Texte (paragraphes séparés par une ligne vide)
registry-admin-options = Options
registry-admin-options-help = Une par ligne ; celles d'un vote par consentement sont fixées.
registry-admin-rule = Règle d'adoption
registry-admin-rule-majority = Majorité du poids exprimé
registry-admin-rule-plurality = Le plus de poids
registry-admin-rule-two_thirds = Deux tiers du poids exprimé
registry-admin-rule-consent = Consentement (aucun blocage, plus d'accords que de désaccords)
registry-admin-quorum = Quorum (pourcentage du poids de la liste)
registry-admin-closes = Clôture (UTC)
registry-admin-secret = Vote secret (depuis des instances Solidarity seulement)
registry-admin-open = Ouvrir le vote
registry-status-active = actif
registry-status-suspended = suspendu
registry-admin-close = Clore maintenant
