// An example board: copy to main.<board>.bicepparam, fill in, and deploy with
//   az deployment group create -g <group> -f infra/azure/main.bicep -p infra/azure/main.<board>.bicepparam
// People are Entra object ids (Entra admin centre > Users > the person > Object ID). Ids here are placeholders.
using 'main.bicep'

param baseName = 'examplesab'
param boardName = 'Example Safeguarding Adults Board'
param caseReferencePrefix = 'SAB'
// Filled in after the app is added to the team (README, "Deploy to your tenant", step 6); empty until then.
param coordinatorsChannelId = ''
param partnersChannelId = ''
param roles = {
  Coordinators: ['00000000-0000-0000-0000-000000000001']
  DeputyBoardManagers: ['00000000-0000-0000-0000-000000000001']
  Chairs: ['00000000-0000-0000-0000-000000000002']
  BoardAdmins: []
  Auditors: []
}
param partners = [
  { Id: 'la', Name: 'Local authority', Members: ['00000000-0000-0000-0000-000000000003'] }
  { Id: 'police', Name: 'Police', Members: ['00000000-0000-0000-0000-000000000004'] }
  { Id: 'icb', Name: 'NHS integrated care board', Members: ['00000000-0000-0000-0000-000000000005'] }
]
