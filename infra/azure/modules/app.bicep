// The bot's web app: Linux App Service on .NET 10 (or the container image, when one is given), always on, health
// checked on /healthz (503 while Table Storage is unreachable), running as the managed identity.
param location string
param planName string
param appName string
param planSku string
param identityId string
param containerImage string
param appSettings array
param tags object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: { name: planSku }
  properties: {
    reserved: true // Linux
  }
}

var fromContainer = !empty(containerImage)

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: fromContainer ? 'app,linux,container' : 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: fromContainer ? 'DOCKER|${containerImage}' : 'DOTNETCORE|10.0'
      acrUseManagedIdentityCreds: fromContainer
      acrUserManagedIdentityID: fromContainer ? reference(identityId, '2024-11-30').clientId : null
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(appSettings, fromContainer ? [{ name: 'WEBSITES_PORT', value: '8080' }] : [])
    }
  }
}

resource noBasicAuthFtp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

output hostName string = app.properties.defaultHostName
