// Dutch messages for rule codes, faithful to the source document's wording, except where the
// source machine-translated a product name (Control Hub's Dutch keeps product names in English).
export const rulesNl: Record<string, string> = {
  'CHANGE.contradictory':
    'De wijziging voegt {id} toe en verwijdert het ook. Kies één van beide: toevoegen of verwijderen.',
  'CHANGE.unknown-license':
    'De licentie {licenseId} bestaat niet in deze organisatie. Kies een van de licenties die voor de gebruiker worden weergegeven.',
  'CHANGE.unknown-site':
    'De Webex Meetings-site {siteUrl} bestaat niet in deze organisatie. Kies een van de sites die voor de gebruiker worden weergegeven.',
  'R1.replace-calling':
    'U kunt slechts één gesprekslicentie tegelijk gebruiken: {added} vervangt {removed} voor {user}.',
  'R1.one-calling-license':
    'U kunt slechts één gesprekslicentie tegelijk gebruiken, dus {user} kan niet zowel {first} als {second} hebben. Behoud één Webex Calling-licentie; voor migratiescenario\'s mag Unified CM-registratie ernaast blijven.',
  'R2.migrating':
    '{user} heeft zowel {calling} als {ucm}: de gebruiker wordt gemigreerd naar Webex Calling. De gebruiker houdt een ononderbroken gespreksservice op Unified CM terwijl de beheerder Webex Calling configureert; zodra de configuratie van Webex Calling is voltooid, kunt u de Unified CM-rechten verwijderen.',
  'R2.migration-complete':
    'Door {ucm} te verwijderen terwijl {user} {calling} behoudt, is de migratie van de gebruiker naar Webex Calling voltooid.',
  'R3.switch-to-professional':
    'Wanneer u Webex Attendant Console selecteert, stelt u de Webex Calling-service in op Professional-licentie: {user} krijgt {added} (verwijderd: {removed}).',
  'R3.no-professional-unit':
    'Wanneer u Webex Attendant Console selecteert, stelt u de Webex Calling-service in op Professional-licentie, maar er zijn geen Professional-licenties meer beschikbaar. Maak een eenheid van Webex Calling Professional vrij of wijs {attendantConsole} niet toe aan {user}.',
  'R4.standard-with-cx':
    'U kunt de standaardlicentie voor Webex Calling en de licentie Customer Experience Essentials niet toewijzen aan een gebruiker ({standard} en {cx}). Schakel {user} over naar Webex Calling Professional of verwijder Customer Experience Essentials.',
  'R5.host-and-attendee':
    '{user} kan op {siteUrl} niet tegelijk host en deelnemer zijn. Kies één accounttype voor die site: host of deelnemer.',
  'R5.choose-account-type':
    'U hebt een Webex Meetings-licentie toegewezen: kies een accounttype voor {user} op {siteUrl} (geen, host of deelnemer).',
  'R6.attendee-feature-off':
    'U moet de functie Deelnemersaccount hebben ingeschakeld voor uw Webex-site om gebruikers toe te wijzen als deelnemers; op {siteUrl} is deze uitgeschakeld, dus {user} kan daar geen deelnemer worden. U moet contact opnemen met het Cisco Technical Assistance Center (TAC) om deze functie voor {siteUrl} in te schakelen, of wijs {user} op {siteUrl} geen deelnemersaccount toe.',
  'R7.site-admin':
    'Het accounttype deelnemer is niet beschikbaar voor gebruikers met de rol Webex-sitebeheerder. Als u {user} aan een deelnemersaccount op {siteUrl} wilt toewijzen, moet u de beheerrechten van de gebruiker voor die Webex Meetings-site verwijderen, of wijs {user} op {siteUrl} geen deelnemersaccount toe.',
  'R8.pending-external':
    '{user} is een externe gebruiker wiens status In behandeling is; u kunt geen andere licentie toewijzen. U moet eerst de gebruiker verwijderen en vervolgens opnieuw toevoegen met de licentie die u wilt.',
  'R9.leaves-external-list':
    '{user} heeft geen licenties meer en wordt niet meer weergegeven in de lijst Externe gebruikers.',
  'R10.calling-settings-hint':
    '{license} is toegevoegd voor {user}. Wanneer er direct hierna een foutmelding wordt weergegeven wanneer u de gebruikersinstellingen van Calling selecteert, gebruik dan "reassign" om de Webex Calling-licentie te verwijderen en de licentie opnieuw toe te wijzen aan de gebruiker.',
  'R10.no-calling-license':
    '{user} heeft geen Webex Calling-licentie om opnieuw toe te wijzen. Wijs eerst een Webex Calling-licentie toe.',
  'R11.request-only':
    'Alleen een beheerder met volledige beheerdersrechten kan licenties bewerken. Als helpdeskmedewerker kunt u een verzoek voor {user} indienen, dat een beheerder goedkeurt.',
  'R11.not-authorized':
    'Alleen een beheerder met volledige beheerdersrechten kan licenties bewerken, en helpdeskmedewerkers kunnen verzoeken indienen. Vraag een beheerder om u een van deze rollen te geven.',
  'R12.no-free-unit':
    '{license}: geen licenties meer beschikbaar ({used} van {total} in gebruik). Verwijder de licentie eerst bij een andere gebruiker of kies een licentie met een vrije eenheid.',
  'CALLING.properties-missing':
    'Webex heeft een locatie en een nummer nodig voor {license}: kies een locatie voor {user} en geef een toestelnummer of een telefoonnummer op (of allebei).',
  'CALLING.location-unknown':
    'De locatie {locationId} is geen Webex Calling-locatie van deze organisatie. Kies een van de locaties die voor {user} worden weergegeven.',
  'CALLING.extension-invalid':
    'Het toestelnummer {extension} is ongeldig: gebruik alleen 2 tot 10 cijfers (bijvoorbeeld 4101).',
  'CALLING.number-invalid':
    'Het telefoonnummer {phoneNumber} is ongeldig: geef het op in E.164-notatie, met een + en eerst de landcode (bijvoorbeeld +31 20 555 0101).',
  'CALLING.number-or-extension':
    'Een Webex Calling-licentie heeft een toestelnummer of een telefoonnummer nodig: geef {user} ten minste een van beide.',
  'CALLING.extension-taken':
    'Het toestelnummer {extension} in {location} is al van {holder}. Kies een ander toestelnummer voor {user}.',
  'CALLING.number-taken':
    'Het telefoonnummer {phoneNumber} is al van {holder}. Kies een vrij nummer voor {user}, of geen nummer en een toestelnummer.',
  'CALLING.without-license':
    'Een locatie en nummer horen alleen bij een Webex Calling-licentie, en {user} houdt er geen. Kies een Webex Calling-licentie of laat de locatie en het nummer weg.',
};
