// The bot's one identity: a user-assigned managed identity. It is the Azure Bot's app (msaAppType UserAssignedMSI),
// reads and writes the table, publishes telemetry, and is what Graph permissions are granted to. No secrets.
param location string
param name string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
