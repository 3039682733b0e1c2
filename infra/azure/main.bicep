// Everything the bot needs in one resource group: its managed identity, the storage account and table, Application
// Insights, the Linux web app and the Azure Bot with its Teams channel. No secrets are created or passed: the
// identity is the bot's app, and it reaches storage and telemetry through role assignments.
//   az deployment group create -g <group> -f infra/azure/main.bicep -p infra/azure/main.bicepparam
// Outputs feed the Teams app package (infra/teams/board.env): botAppId -> BOT_ID, appHostName -> BOT_DOMAIN.

@description('Short name used in every resource name (letters and digits), e.g. the board: "northsab".')
@minLength(3)
@maxLength(12)
param baseName string

@description('Azure region for everything except the bot registration (which is global).')
param location string = resourceGroup().location

@description('Azure Bot pricing tier: F0 (free, standard channels such as Teams are free either way) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('App Service plan size. Always On needs B1 or above.')
@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param planSku string = 'B1'

@description('Leave empty to deploy the published .NET app (zip deploy); or a container image built from the Dockerfile, e.g. myregistry.azurecr.io/safeguarding-bot:1.0.0 (grant the identity AcrPull on the registry).')
param containerImage string = ''

@description('The one table holding cases, the case log and the outbox.')
param tableName string = 'Safeguarding'

@description('Days Log Analytics keeps telemetry (it holds ids and counts only, never personal details).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Entra tenants whose people may use the bot; the tenant you deploy to when empty.')
param allowedTenantIds string[] = []

@description('The board as the bot shows it on its cards.')
param boardName string

@description('Case references look like SAB-2026-0007.')
param caseReferencePrefix string = 'SAB'

@description('Teams channel id (19:...@thread.tacv2) where coordinators triage. Set after the app is added to the team: see the README.')
param coordinatorsChannelId string = ''

@description('Teams channel id where the statutory partners give their views (may be the same channel).')
param partnersChannelId string = ''

@description('Board roles: Entra object ids of the people in each role.')
param roles {
  Coordinators: string[]
  DeputyBoardManagers: string[]
  Chairs: string[]
  BoardAdmins: string[]
  Auditors: string[]
}

@description('The statutory partners and their members (Entra object ids). Ids are short words such as la, police, icb.')
param partners {
  Id: string
  Name: string
  Members: string[]
}[]

@description('Bank holidays: EnglandAndWales, Scotland or NorthernIreland.')
@allowed(['EnglandAndWales', 'Scotland', 'NorthernIreland'])
param calendarRegion string = 'EnglandAndWales'

@description('Tags on every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id)
var names = {
  identity: 'id-${baseName}'
  storage: take(toLower('st${baseName}${suffix}'), 24)
  workspace: 'log-${baseName}-${suffix}'
  insights: 'appi-${baseName}-${suffix}'
  plan: 'asp-${baseName}-${suffix}'
  app: 'app-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
}
var tenants = empty(allowedTenantIds) ? [tenant().tenantId] : allowedTenantIds

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: { location: location, name: names.identity, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: names.storage
    tableName: tableName
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: names.workspace
    insightsName: names.insights
    retentionInDays: logRetentionDays
    principalId: identity.outputs.principalId
    tags: tags
  }
}

// App settings: the configuration keys of bot/appsettings.json, with ':' written as '__'.
var platformSettings = [
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'AZURE_CLIENT_ID', value: identity.outputs.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
  { name: 'Bot__MicrosoftAppId', value: identity.outputs.clientId }
  { name: 'Bot__MicrosoftAppType', value: 'UserAssignedMSI' }
  { name: 'Bot__MicrosoftAppTenantId', value: tenant().tenantId }
  { name: 'Storage__TableEndpoint', value: storage.outputs.tableEndpoint }
  { name: 'Storage__TableName', value: tableName }
  { name: 'Board__Name', value: boardName }
  { name: 'CaseReference__Prefix', value: caseReferencePrefix }
  { name: 'Board__CoordinatorsChannelId', value: coordinatorsChannelId }
  { name: 'Board__PartnersChannelId', value: partnersChannelId }
  { name: 'Board__Process__CalendarRegion', value: calendarRegion }
]
var tenantSettings = [for (id, i) in tenants: { name: 'Bot__AllowedTenantIds__${i}', value: id }]
var roleSettings = flatten(map(items(roles), role => map(range(0, length(role.value)), i => {
  name: 'Board__${role.key}__${i}'
  value: role.value[i]
})))
var partnerSettings = flatten(map(range(0, length(partners)), p => concat(
  [
    { name: 'Board__Partners__${p}__Id', value: partners[p].Id }
    { name: 'Board__Partners__${p}__Name', value: partners[p].Name }
  ],
  map(range(0, length(partners[p].Members)), m => {
    name: 'Board__Partners__${p}__Members__${m}'
    value: partners[p].Members[m]
  })
)))

module app 'modules/app.bicep' = {
  name: 'app'
  params: {
    location: location
    planName: names.plan
    appName: names.app
    planSku: planSku
    identityId: identity.outputs.id
    containerImage: containerImage
    appSettings: concat(platformSettings, tenantSettings, roleSettings, partnerSettings)
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: boardName
    sku: botSku
    endpoint: 'https://${app.outputs.hostName}/api/messages'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    tags: tags
  }
}

@description('The Teams app package BOT_ID: the bot app id, which is the managed identity client id.')
output botAppId string = identity.outputs.clientId

@description('The Teams app package BOT_DOMAIN, and where the bot answers: https://<appHostName>/api/messages.')
output appHostName string = app.outputs.hostName

@description('The web app to publish the bot to (az webapp deploy --name).')
output appName string = names.app

@description('The managed identity object id, to grant Microsoft Graph application permissions to.')
output identityPrincipalId string = identity.outputs.principalId

output tableEndpoint string = storage.outputs.tableEndpoint
