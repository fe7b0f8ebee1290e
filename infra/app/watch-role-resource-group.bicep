// Role of the app's identity on one watched resource-group (deployed at that scope by main.bicep).
targetScope = 'resourceGroup'

param principalId string
@description('Reader, or Traffic Manager Contributor when write features are enabled.')
param roleDefinitionId string

resource watchRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
